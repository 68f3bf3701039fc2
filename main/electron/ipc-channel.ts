/** The single Electron IPC channel every call travels on (the contract's channel is an argument). */
export const INVOKE_CHANNEL = 'harv:invoke';
