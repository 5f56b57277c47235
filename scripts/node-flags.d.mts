/** Node's options for the production server (scripts/node-flags.mjs). */
export declare const SERVER_NODE_FLAGS: readonly string[];
