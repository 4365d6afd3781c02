/** Every generated file, keyed by its path from the repository root, with its renderer. */
export declare const targets: Record<string, () => Promise<string>>;
/** Renders one target's content. */
export declare function render(path: string): Promise<string>;
/** Where a target lives on disk. */
export declare function targetUrl(path: string): URL;
