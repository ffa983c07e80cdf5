/**
 * The Jupyter connection file (`-f kernel-XXXX.json`): transport, ports and signing key, as written by
 * jupyter_client. Scope: reading and validating it, and turning a port into a ZeroMQ endpoint.
 *
 * Spec: https://jupyter-client.readthedocs.io/en/latest/kernels.html#connection-files
 */
import { readFileSync } from 'node:fs';

/** The five channels a kernel binds. */
export type ChannelName = 'shell' | 'control' | 'stdin' | 'iopub' | 'hb';

/** Contents of a connection file. */
export interface IConnectionInfo {
  transport: 'tcp' | 'ipc';
  ip: string;
  shell_port: number;
  control_port: number;
  stdin_port: number;
  iopub_port: number;
  hb_port: number;
  /** HMAC key; empty disables signing. */
  key: string;
  /** e.g. `hmac-sha256`. */
  signature_scheme: string;
  kernel_name?: string;
}

const PORTS = ['shell_port', 'control_port', 'stdin_port', 'iopub_port', 'hb_port'] as const;

/** Parses and validates connection-file JSON. Throws with the offending key on bad input. */
export function parseConnectionInfo(json: string): IConnectionInfo {
  const raw = JSON.parse(json) as Record<string, unknown>;
  const transport = raw.transport ?? 'tcp';
  if (transport !== 'tcp' && transport !== 'ipc') {
    throw new Error(`connection file: unsupported transport ${String(transport)}`);
  }
  if (typeof raw.ip !== 'string') throw new Error('connection file: missing ip');
  for (const p of PORTS) {
    if (typeof raw[p] !== 'number') throw new Error(`connection file: missing ${p}`);
  }
  const key = typeof raw.key === 'string' ? raw.key : '';
  const scheme = typeof raw.signature_scheme === 'string' ? raw.signature_scheme : 'hmac-sha256';
  return {
    transport,
    ip: raw.ip,
    shell_port: raw.shell_port as number,
    control_port: raw.control_port as number,
    stdin_port: raw.stdin_port as number,
    iopub_port: raw.iopub_port as number,
    hb_port: raw.hb_port as number,
    key,
    signature_scheme: scheme,
    kernel_name: typeof raw.kernel_name === 'string' ? raw.kernel_name : undefined
  };
}

/** Reads a connection file from disk. */
export function readConnectionFile(path: string): IConnectionInfo {
  return parseConnectionInfo(readFileSync(path, 'utf8'));
}

/** ZeroMQ endpoint of a channel: `tcp://ip:port`, or `ipc://ip-port` (jupyter_client's ipc naming). */
export function endpoint(info: IConnectionInfo, channel: ChannelName): string {
  const port = info[`${channel}_port`];
  return info.transport === 'tcp' ? `tcp://${info.ip}:${port}` : `ipc://${info.ip}-${port}`;
}
