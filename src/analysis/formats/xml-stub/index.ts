/**
 * Trace Compass XML stub traces (`<trace><event timestamp name><field name value type/>…</event>…</trace>`):
 * the public entry points of the format — content sniffing, opening as an `Experiment`, and the format descriptor
 * for the format registry.
 */
import { nodeFileSystem } from '../../io/byte-source';
import type { FileSystemAccess } from '../../io/byte-source';
import type { Experiment } from '../../trace/types';
import { openXmlStubExperiment, XML_STUB_FORMAT_ID } from './stub-experiment';
import { sniffXmlStub } from './sniff';

export { openXmlStubExperiment, readStubFile, XmlStubError, XML_STUB_FORMAT_ID } from './stub-experiment';
export { sniffXmlStub, sniffPrefix } from './sniff';
export { parseStubTrace } from './stub-parser';
export type { StubEvent, StubField, StubFieldType, StubTrace, StubValue } from './stub-parser';

/** The format descriptor: `sniff` looks at content only; `open` opens the given files as one experiment. */
export const xmlStubFormat = {
  id: XML_STUB_FORMAT_ID,
  description: 'Trace Compass XML stub trace',
  sniff(path: string, fsa: FileSystemAccess = nodeFileSystem): boolean {
    return sniffXmlStub(path, fsa);
  },
  open(paths: readonly string[], fsa: FileSystemAccess = nodeFileSystem): Experiment {
    return openXmlStubExperiment(paths, fsa);
  }
};
