// Node programs as real child processes, for the tests that need a whole process (a CLI, a crash
// and restart, a browser driving a server): started, waited on until they print that they are
// ready, and stopped.

import { type ChildProcess, spawn } from "node:child_process";

/** How a process ended: its exit code, or the signal that killed it. */
export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** Options of {@link startProcess}. */
export interface StartProcessOptions {
  /** Added to the test process's environment. */
  readonly env?: NodeJS.ProcessEnv | undefined;
  /** How long it may take to print what `ready` matches (default 30 s). */
  readonly timeoutMs?: number | undefined;
}

/** A running process. */
export interface RunningProcess {
  readonly child: ChildProcess;
  /** What the ready pattern matched. */
  readonly match: RegExpExecArray;
  /** Everything it wrote so far, standard output and error together. */
  output(): string;
  /** Sends `signal` (default SIGTERM) and resolves with how it exited; nothing when it has already. */
  kill(signal?: NodeJS.Signals): Promise<Exit>;
  /** Sends SIGTERM, then SIGKILL after 10 s, and resolves with how it exited. */
  stop(): Promise<Exit>;
}

/**
 * Runs `node <args>` and resolves once its output (standard output and error together) matches
 * `ready`; rejects, with the output so far, when it exits or times out first. `name` says what it
 * is in those errors.
 */
export function startProcess(
  name: string,
  args: readonly string[],
  ready: RegExp,
  options: StartProcessOptions = {},
): Promise<RunningProcess> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const env = { ...process.env, ...options.env };
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<Exit>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const running = () => child.exitCode === null && child.signalCode === null;
  const kill = (signal: NodeJS.Signals = "SIGTERM") => {
    if (running()) child.kill(signal);
    return exited;
  };
  const stop = async () => {
    if (!running()) return exited;
    child.kill("SIGTERM");
    const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
    const result = await exited;
    clearTimeout(force);
    return result;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`The ${name} did not get ready within ${timeoutMs} ms. Output:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match, output: () => output, kill, stop });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`The ${name} exited (${code ?? signal}) before it was ready. Output:\n${output}`));
    });
  });
}

/** How a process run to its end went. */
export interface ProcessRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link runProcess}. */
export interface RunProcessOptions {
  /** The whole environment of the process (default the test process's). */
  readonly env?: NodeJS.ProcessEnv | undefined;
  /** Written to its standard input, which is then closed. */
  readonly input?: string | undefined;
}

/**
 * Runs `node <args>` to its end, asynchronously so that the test process can serve what it talks to
 * meanwhile, and resolves with its exit status and output.
 */
export function runProcess(args: readonly string[], options: RunProcessOptions = {}): Promise<ProcessRun> {
  const child = spawn(process.execPath, args, { env: options.env ?? process.env, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  child.stdin.end(options.input ?? "");
  return new Promise((resolve) => child.once("close", (status) => resolve({ status, stdout, stderr })));
}
