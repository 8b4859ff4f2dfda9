export declare const PG_USER: string;
export declare const PG_PASSWORD: string;
export declare const INITDB_FLAGS: string[];
/** Creates a cluster in `dir`; resolves to initdb's duration in ms. Null when run as root without a postgres user. */
export declare function initdb(dir: string): Promise<number> | null;
export declare function beginEarlyInitdb(env?: NodeJS.ProcessEnv): void;
export declare function takeEarlyInitdb(dir: string): Promise<number> | undefined;
