// x12-parser 1.3.0 publishes its types only through package.json "exports", which the
// project's moduleResolution ("node") does not read. Point the type checker at them;
// at run time Node resolves 'x12-parser' through "exports" as usual.
declare module 'x12-parser' {
  export * from 'x12-parser/dist/cjs/index';
}
