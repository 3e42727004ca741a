// Shapes of answers, named from the generated `paths` (the server's zod schemas are the source).
import type { paths } from './schema';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
// openapi-fetch hands data back through its `Readable` type, which turns tuples into arrays
// (`[n, n, n][]` → `number[][]`); name answers the same way so they match what `call` returns.
type AsRead<T> = T extends (infer E)[] ? AsRead<E>[] : T extends object ? { [K in keyof T]: AsRead<T[K]> } : T;
type JsonContent<R> = R extends { content: { 'application/json': infer T } } ? AsRead<T> : never;

/** The JSON body of the 200 or 201 answer of `method path`. */
export type ResponseOf<P extends keyof paths, M extends Method> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: infer A }
    ? JsonContent<A>
    : R extends { 201: infer A }
      ? JsonContent<A>
      : never
  : never;

/** The JSON request body of `method path`. */
export type BodyOf<P extends keyof paths, M extends Method> = paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** The query parameters of `GET path`. */
export type QueryOf<P extends keyof paths> = paths[P]['get'] extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type Review = ResponseOf<'/api/reviews', 'get'>[number];
export type KillSwitch = ResponseOf<'/api/kill-switches', 'get'>[number];
export type KillScope = KillSwitch['scope'];
export type DecisionDetail = ResponseOf<'/api/audit/decisions/{id}', 'get'>;
export type AuditPage = ResponseOf<'/api/audit/records', 'get'>;
export type AuditRow = AuditPage['records'][number];
export type AuditQuery = QueryOf<'/api/audit/records'>;
export type Overview = ResponseOf<'/api/overview', 'get'>;
