/** The contracts this package generates types from, keyed by the file they are written to. */
export declare const targets: Record<string, URL>;
/** Renders one target's TypeScript source from its spec. */
export declare function render(specUrl: URL): Promise<string>;
/** Resolves a target path relative to the package root. */
export declare function targetUrl(path: string): URL;
