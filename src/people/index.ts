// The accounts module's public entry: the operator's pages for people and API clients. The account verbs live in
// platform/auth (they own the tables); this module composes them with the directory, which resolves the structures.
export { peoplePages } from './pages/routes.tsx';
export { registrationPages } from './pages/registration-pages.tsx';
export { companyUsersPages } from './pages/company-users-pages.tsx';
