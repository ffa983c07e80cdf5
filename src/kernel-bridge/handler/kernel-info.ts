/**
 * `kernel_info_reply` content: protocol version, implementation and the cell language (TypeScript).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PROTOCOL_VERSION } from '../wire/codec';
import type { ContentOf } from './types';

/** Builds the kernel_info reply for this kernel. */
export function kernelInfo(implementationVersion: string): ContentOf<'kernel_info_reply'> {
  const tsVersion = packageVersion(require.resolve('typescript/package.json'));
  return {
    status: 'ok',
    protocol_version: PROTOCOL_VERSION,
    implementation: 'tracelab',
    implementation_version: implementationVersion,
    language_info: {
      name: 'typescript',
      version: tsVersion,
      mimetype: 'text/typescript',
      file_extension: '.ts',
      codemirror_mode: 'typescript',
      pygments_lexer: 'typescript'
    },
    banner: `tracelab ${implementationVersion}: TypeScript ${tsVersion} on Node ${process.versions.node}`,
    help_links: []
  };
}

/** Version of the tracelab package this file belongs to (walks up to its package.json). */
export function findTracelabVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'tracelab' && pkg.version) return pkg.version;
    } catch {
      // not here; keep walking
    }
    if (dirname(dir) === dir) return '0.0.0';
  }
}

function packageVersion(pkgJson: string): string {
  return (JSON.parse(readFileSync(pkgJson, 'utf8')) as { version: string }).version;
}
