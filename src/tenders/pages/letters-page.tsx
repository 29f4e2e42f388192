// The letters a company received from buyers (award, rejection with the reasons and the standstill end): the first
// download is the read receipt.
import { formatDateTime } from '../../web/format.ts';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer } from '../../web/viewer.ts';

const KINDS: Record<string, string> = { attribution: 'Lettre d’attribution', rejet: 'Lettre de rejet' };

export function LettersPage(props: {
  viewer: Viewer;
  letters: { letterId: string; kind: string; sentAt: string; readAt: string | null }[];
}) {
  return (
    <Page title="Lettres des acheteurs" viewer={props.viewer} path="/mes-lettres">
      <h1>Lettres des acheteurs</h1>
      {props.letters.length === 0 ? (
        <p>Aucune lettre reçue.</p>
      ) : (
        <ul>
          {props.letters.map((l) => (
            <li>
              <a href={`/mes-lettres/${l.letterId}`}>{`${KINDS[l.kind] ?? l.kind} du ${formatDateTime(l.sentAt)}`}</a>{' '}
              <span class="hint">{l.readAt ? `lue le ${formatDateTime(l.readAt)}` : 'non lue'}</span>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
