/**
 * Imported first by `decode.ts`: starts the read-ahead thread before the reader's modules load, as the `tracelab`
 * command does for the commands that read whole traces (`bin/tracelab.js`).
 */
import { startReadAhead } from '../src/analysis/io/read-ahead';

startReadAhead();
