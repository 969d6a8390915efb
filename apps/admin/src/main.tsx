import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'urql';
import { App } from './app.tsx';
import { useUrqlClient } from './lib/urql.ts';
import './styles.css';

function ClientProvider({ children }: { children: ReactNode }) {
  return <Provider value={useUrqlClient()}>{children}</Provider>;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ClientProvider>
      <App />
    </ClientProvider>
  </StrictMode>,
);
