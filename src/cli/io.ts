/** Where a command writes: the process's streams in the CLI, buffers in tests. */
export type Io = { stdout: (s: string) => void; stderr: (s: string) => void };
