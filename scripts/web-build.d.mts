/** Types of scripts/web-build.mjs for the TypeScript callers (the browser tests). */
export declare const WEB_OUT: string;
export declare function buildWebApp(app: string): Promise<void>;
