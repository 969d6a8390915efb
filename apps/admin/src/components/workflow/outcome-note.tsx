import type { Note } from './act-result.ts';

/**
 * The note after an action (`outcomeNote`, `bulkNote`): a status when it went through, an alert with
 * the reasons when it did not, and a button for the next step (reload, preview again) when there is one.
 */
export function OutcomeNote({ note, testId, next }: { note: Note; testId: string; next?: { label: string; onClick: () => void } | undefined }) {
  return (
    <div className={`note ${note.tone === 'ok' ? 'note-ok' : 'note-error'}`} role={note.tone === 'ok' ? 'status' : 'alert'} data-testid={testId}>
      <p>{note.text}</p>
      {note.details.length > 0 && (
        <ul>
          {note.details.map((detail) => (
            <li key={detail}>{detail}</li>
          ))}
        </ul>
      )}
      {next && (
        <button type="button" className="secondary" onClick={next.onClick}>
          {next.label}
        </button>
      )}
    </div>
  );
}
