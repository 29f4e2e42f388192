// The answer to a request for additional documents (3-1) with the documents (3-4): the collectivity's letter and
// up to PIECE_ROWS pieces, each with its typology among the act's nature's; streamed like a new act.
import { CSRF_FIELD } from '../../platform/auth/index.ts';
import type { Viewer } from '../../web/viewer.ts';

export const PIECE_ROWS = 3;
export const pieceRows = (): number[] => Array.from({ length: PIECE_ROWS }, (_, i) => i + 1);
export const PIECE_FILE_FIELDS = ['courrier', ...pieceRows().map((r) => `piece_${r}`)];

export interface Typology {
  code: string;
  label: string;
}

function TypologyChoice(props: { id: string; name: string; label: string; typologies: Typology[] }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name}>
        <option value="">Typologie par défaut de la nature</option>
        {props.typologies.map((t) => (
          <option value={t.code}>{`${t.code} – ${t.label}`}</option>
        ))}
      </select>
    </div>
  );
}

export function PiecesForm(props: { action: string; letterId: string; viewer: Viewer; typologies: Typology[] }) {
  const id = (name: string) => `${name}-${props.letterId}`;
  return (
    <form method="post" action={props.action} enctype="multipart/form-data">
      <input type="hidden" name={CSRF_FIELD} value={props.viewer.csrfToken} />
      <fieldset>
        <legend>Transmettre les pièces complémentaires (3-4)</legend>
        <div class="field">
          <label for={id('courrier')}>Courrier de réponse (PDF)</label>
          <input id={id('courrier')} name="courrier" type="file" accept=".pdf,application/pdf" required />
        </div>
        <TypologyChoice
          id={id('typologie-courrier')}
          name="typologie_courrier"
          label="Typologie du courrier"
          typologies={props.typologies}
        />
        {pieceRows().map((row) => (
          <div class="form-line">
            <div class="field">
              <label for={id(`piece-${row}`)}>{`Pièce ${row}`}</label>
              <input id={id(`piece-${row}`)} name={`piece_${row}`} type="file" accept=".pdf,.jpg,.jpeg,.png,.xml" />
            </div>
            <TypologyChoice
              id={id(`typologie-piece-${row}`)}
              name={`typologie_piece_${row}`}
              label={`Typologie de la pièce ${row}`}
              typologies={props.typologies}
            />
          </div>
        ))}
        <button type="submit">Transmettre les pièces</button>
      </fieldset>
    </form>
  );
}
