export declare const RUNTIMES: string[];
export declare const MARK: string;
export declare function patchSource(source: string): string | null;
export declare function runtimeFolder(): string;
export declare function patchRuntimes(folder?: string): string[];
