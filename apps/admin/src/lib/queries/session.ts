import { gql } from '@urql/core';

export interface RoleGrant {
  readonly role: string;
  readonly scopePath: string;
}

export type LoginResult =
  | { readonly __typename: 'SessionToken'; readonly token: string; readonly expiresAt: string; readonly displayName: string; readonly grants: readonly RoleGrant[] }
  | { readonly __typename: 'InvalidCredentialsError'; readonly message: string }
  | { readonly __typename: 'SignInThrottledError' | 'AccountLockedError'; readonly message: string; readonly retryAfterSeconds: number };

export const loginMutation = gql<{ login: LoginResult }, { username: string; password: string }>`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      __typename
      ... on SessionToken {
        token
        expiresAt
        displayName
        grants {
          role
          scopePath
        }
      }
      ... on InvalidCredentialsError {
        message
      }
      ... on SignInThrottledError {
        message
        retryAfterSeconds
      }
      ... on AccountLockedError {
        message
        retryAfterSeconds
      }
    }
  }
`;

export const logoutMutation = gql<{ logout: boolean }, Record<string, never>>`
  mutation Logout {
    logout
  }
`;

export interface ViewerGrant extends RoleGrant {
  readonly permissions: readonly string[];
}

/** Who is calling and where each of their roles holds (scopePath "" is the whole country). */
export const viewerQuery = gql<{ viewer: { label: string; grants: readonly ViewerGrant[] } }, Record<string, never>>`
  query Viewer {
    viewer {
      label
      grants {
        role
        scopePath
        permissions
      }
    }
  }
`;
