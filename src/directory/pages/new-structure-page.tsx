// The operator adds a structure: kind, name, SIRET of its main establishment, legal delay override.
import { CSRF_FIELD } from '../../platform/auth/index.ts';
import { Notice } from '../../web/components/notice.tsx';
import { Page } from '../../web/layout/page.tsx';
import type { Viewer } from '../../web/viewer.ts';
import { StructureFields, type StructureFormValues } from './structure-form.tsx';

export function NewStructurePage(props: {
  viewer: Viewer;
  values: StructureFormValues;
  error?: { message: string; field?: string | undefined } | undefined;
}) {
  return (
    <Page
      title={`${props.error ? 'Erreur – ' : ''}Nouvelle structure – Annuaire`}
      viewer={props.viewer}
      path="/annuaire/nouvelle"
    >
      <p>
        <a href="/annuaire">← Annuaire</a>
      </p>
      <h1>Nouvelle structure</h1>
      {props.error ? (
        <Notice tone="error" title="Structure non créée">
          <p data-focus-on-load id="form-error">
            {props.error.message}
          </p>
        </Notice>
      ) : null}
      <form method="post" action="/annuaire/nouvelle">
        <input type="hidden" name={CSRF_FIELD} value={props.viewer.csrfToken} />
        <StructureFields values={props.values} errorField={props.error?.field} withSiret withActive={false} />
        <button type="submit">Créer la structure</button>
      </form>
    </Page>
  );
}
