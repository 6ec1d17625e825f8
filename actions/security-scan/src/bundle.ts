// The file this code runs from: in the bundle, dist/index.js, which the worker threads run too (see index.ts).
export const THIS_BUNDLE = new URL(import.meta.url);
