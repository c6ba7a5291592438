/** The API's documents, by name, as the generated schema types them. */
import type { paths } from './schema';

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type GetOk<P extends keyof paths> = paths[P] extends { get: { responses: { 200: infer R } } } ? Json<R> : never;
type PostOk<P extends keyof paths, S extends number = 200> = paths[P] extends { post: { responses: infer R } }
  ? S extends keyof R
    ? Json<R[S]>
    : never
  : never;
type PostBody<P extends keyof paths> = paths[P] extends { post: { requestBody?: infer B } } ? Json<NonNullable<B>> : never;

export type Bill = GetOk<'/bills/{billId}'>;
export type BillWork = GetOk<'/bills/{billId}/work'>;
export type TimelinePage = GetOk<'/bills/{billId}/timeline'>;
export type SearchPage = PostOk<'/bills/search'>;
export type SearchItem = SearchPage['items'][number];
export type SearchBody = PostBody<'/bills/search'>;
export type Client = GetOk<'/clients/{clientId}'>;
export type Practice = GetOk<'/practices/{practiceId}'>;
export type Payer = GetOk<'/payers/{payerId}'>;
export type Provider = GetOk<'/practices/{practiceId}/providers'>['items'][number];
export type Batch = GetOk<'/batches/{batchId}'>;
export type BatchItem = GetOk<'/batches'>['items'][number];
export type FileItem = GetOk<'/clearinghouse-files'>['items'][number];
export type UnmatchedItem = GetOk<'/unmatched-era-claims'>['items'][number];
export type Candidates = GetOk<'/unmatched-era-claims/{unmatchedId}/candidates'>;
export type StaffAccount = GetOk<'/staff-accounts/{staffId}'>;
export type PaymentBody = PostBody<'/bills/{billId}/payments'>;
export type PracticeBody = PostBody<'/practices'>;
export type PayerBody = PostBody<'/payers'>;
export type StaffBody = PostBody<'/staff-accounts'>;
export type StaffAction = BillWork['actions'][number];
