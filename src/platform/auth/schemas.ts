import { z } from '@hono/zod-openapi';
import { ROLES } from './actor.ts';

export const ErrorBodySchema = z
  .object({
    code: z.string().openapi({ example: 'INVALID_CREDENTIALS' }),
    message: z.string().openapi({ example: 'Identifiant ou mot de passe incorrect.' }),
    requestId: z.string(),
    details: z.unknown().optional(),
  })
  .openapi('Error');

export const RoleGrantSchema = z.object({ role: z.enum(ROLES), structureId: z.string().uuid() }).openapi('RoleGrant');

export const PersonSchema = z
  .object({ id: z.string().uuid(), email: z.string(), displayName: z.string() })
  .openapi('Person');

export const LoginBodySchema = z
  .object({
    email: z.string().min(1).max(320).openapi({ example: 'operateur@demo.hub.bzh' }),
    password: z.string().min(1).max(1024).openapi({ example: 'Demo-Operateur-2026' }),
  })
  .openapi('LoginRequest');

export const PersonSessionSchema = z
  .object({
    person: PersonSchema,
    grants: z.array(RoleGrantSchema),
    csrfToken: z.string().openapi({ description: 'À renvoyer dans l’en-tête X-CSRF-Token des POST de la session' }),
  })
  .openapi('PersonSession');

export const ClientIdentitySchema = z
  .object({ client: z.object({ clientId: z.string() }), grants: z.array(RoleGrantSchema), scopes: z.array(z.string()) })
  .openapi('ClientIdentity');

export const TokenRequestSchema = z
  .object({
    grant_type: z.string().optional().openapi({ example: 'client_credentials' }),
    client_id: z.string().optional(),
    client_secret: z.string().optional(),
    scope: z.string().optional().openapi({ example: 'openid' }),
  })
  .openapi('TokenRequest');

export const TokenResponseSchema = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int().positive().openapi({ example: 3600 }),
    scope: z.string().openapi({ example: 'openid' }),
  })
  .openapi('TokenResponse');

export const OAuthErrorSchema = z
  .object({
    error: z.enum([
      'invalid_request',
      'invalid_client',
      'invalid_grant',
      'unauthorized_client',
      'unsupported_grant_type',
      'invalid_scope',
      'temporarily_unavailable',
    ]),
    error_description: z.string(),
  })
  .openapi('OAuthError');
