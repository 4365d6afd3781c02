/** Every generated file, keyed by its path in the package, with the function that renders it. */
export declare const targets: Record<string, () => Promise<string>>;
/** Renders one target's source. */
export declare function render(path: string): Promise<string>;
/** Resolves a target path relative to the package root. */
export declare function targetUrl(path: string): URL;
