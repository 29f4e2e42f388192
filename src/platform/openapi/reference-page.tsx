import type { FC } from 'hono/jsx';

type Json = Record<string, unknown>;
interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: Json }[];
  requestBody?: { content?: Record<string, { schema?: Json }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Json }> }>;
  security?: unknown[];
}
interface Document {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Json> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const Schema: FC<{ schema: Json | undefined }> = ({ schema }) =>
  schema ? <pre class="schema">{JSON.stringify(schema, null, 2)}</pre> : <span>—</span>;

const OperationView: FC<{ method: string; path: string; op: Operation }> = ({ method, path, op }) => (
  <section class="op" id={`${method}-${path}`}>
    <h3>
      <span class={`m m-${method}`}>{method.toUpperCase()}</span> <code>{path}</code>
    </h3>
    {op.summary && <p>{op.summary}</p>}
    {op.description && <p>{op.description}</p>}
    {op.parameters && op.parameters.length > 0 && (
      <table>
        <caption>Paramètres</caption>
        <thead>
          <tr>
            <th scope="col">Nom</th>
            <th scope="col">Où</th>
            <th scope="col">Obligatoire</th>
            <th scope="col">Type</th>
          </tr>
        </thead>
        <tbody>
          {op.parameters.map((p) => (
            <tr>
              <td>
                <code>{p.name}</code>
              </td>
              <td>{p.in}</td>
              <td>{p.required ? 'oui' : 'non'}</td>
              <td>
                <code>{JSON.stringify(p.schema ?? {})}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
    {op.requestBody?.content &&
      Object.entries(op.requestBody.content).map(([type, body]) => (
        <div>
          <h4>Corps de requête ({type})</h4>
          <Schema schema={body.schema} />
        </div>
      ))}
    <h4>Réponses</h4>
    <ul>
      {Object.entries(op.responses ?? {}).map(([status, response]) => (
        <li>
          <strong>{status}</strong> — {response.description}
          {response.content && Object.values(response.content).map((c) => <Schema schema={c.schema} />)}
        </li>
      ))}
    </ul>
  </section>
);

/** A self-contained reference of every JSON route, generated from the OpenAPI document (no external assets). */
export function apiReferencePage(openapi: object): string {
  const doc = openapi as Document;
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ method: m, path, op: item[m] as Operation })),
  );
  const page = (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Référence de l’API — {doc.info.title}</title>
        <link rel="stylesheet" href="/static/api-reference.css" />
      </head>
      <body>
        <main>
          <h1>Référence de l’API</h1>
          <p>{doc.info.description}</p>
          <p>
            Document OpenAPI : <a href="/api/openapi.json">/api/openapi.json</a> — version {doc.info.version}.
          </p>
          <nav aria-label="Sommaire">
            <ul>
              {operations.map(({ method, path }) => (
                <li>
                  <a href={`#${method}-${path}`}>
                    {method.toUpperCase()} {path}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {operations.map((o) => (
            <OperationView {...o} />
          ))}
        </main>
      </body>
    </html>
  );
  return '<!doctype html>' + page.toString();
}
