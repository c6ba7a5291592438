export default async function globalTeardown(): Promise<void> {
  // Each suite stops what it started; nothing is shared across suites but files.
}
