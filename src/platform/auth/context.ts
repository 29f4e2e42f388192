/** The browser session behind the request, when there is one (set by `authenticate()`). */
export interface AuthSessionVariable {
  sessionId: string;
  csrfToken: string;
}

declare module 'hono' {
  interface ContextVariableMap {
    authSession: AuthSessionVariable | undefined;
  }
}
