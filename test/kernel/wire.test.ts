/**
 * Wire layer without sockets: HMAC signing (RFC 4231 known answer), constant-time verification, framing with
 * routing identities and buffers, rejection of tampered and malformed messages, connection files.
 */
import { createHmac } from 'node:crypto';
import {
  decodeMessage,
  encodeMessage,
  makeHeader,
  type IWireMessage
} from '../../src/kernel-bridge/wire/codec';
import { endpoint, parseConnectionInfo } from '../../src/kernel-bridge/wire/connection';
import { MessageSigner } from '../../src/kernel-bridge/wire/signer';

const b = (s: string): Buffer => Buffer.from(s, 'utf8');

describe('MessageSigner', () => {
  test('HMAC-SHA256 matches RFC 4231 test case 2', () => {
    const s = new MessageSigner('Jefe');
    // The signature covers the concatenated frames.
    expect(s.sign([b('what do ya '), b('want for nothing?')])).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'
    );
  });

  test('verify accepts the right signature and rejects others', () => {
    const s = new MessageSigner('secret');
    const frames = [b('{"a":1}'), b('{}'), b('{}'), b('{}')];
    const sig = s.sign(frames);
    expect(s.verify(b(sig), frames)).toBe(true);
    expect(s.verify(b(sig.replace(/.$/, c => (c === '0' ? '1' : '0'))), frames)).toBe(false);
    expect(s.verify(b(sig.slice(0, 10)), frames)).toBe(false);
    expect(s.verify(b(sig), [b('{"a":2}'), ...frames.slice(1)])).toBe(false);
    expect(new MessageSigner('other').verify(b(sig), frames)).toBe(false);
  });

  test('an empty key disables signing', () => {
    const s = new MessageSigner('');
    expect(s.sign([b('x')])).toBe('');
    expect(s.verify(b(''), [b('x')])).toBe(true);
  });

  test('unknown schemes are refused', () => {
    expect(() => new MessageSigner('k', 'rsa-sha256')).toThrow(/unsupported/);
    expect(() => new MessageSigner('k', 'hmac-nosuchhash')).toThrow();
  });
});

describe('codec', () => {
  const signer = new MessageSigner('key');
  const msg = (): IWireMessage => ({
    idents: [b('client-1'), b('router-2')],
    header: makeHeader('execute_request', 'sess'),
    parent_header: {},
    metadata: { m: 1 },
    content: { code: 'ünïcode ✓' },
    buffers: [Buffer.from([0, 1, 2, 255])]
  });

  test('round trip keeps idents, JSON parts and raw buffers', () => {
    const m = msg();
    const frames = encodeMessage(m, signer);
    expect(frames[2].toString()).toBe('<IDS|MSG>');
    const r = decodeMessage(frames, signer);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.message.idents.map(i => i.toString())).toEqual(['client-1', 'router-2']);
    expect(r.message.header).toEqual(m.header);
    expect(r.message.content).toEqual({ code: 'ünïcode ✓' });
    expect([...r.message.buffers[0]]).toEqual([0, 1, 2, 255]);
  });

  test('the signature covers exactly header, parent, metadata and content (not buffers)', () => {
    const frames = encodeMessage(msg(), signer);
    const expected = createHmac('sha256', 'key');
    for (const f of frames.slice(4, 8)) expected.update(f);
    expect(frames[3].toString()).toBe(expected.digest('hex'));
    frames[8] = Buffer.from([9, 9]); // buffers may change without breaking the signature
    expect(decodeMessage(frames, signer).ok).toBe(true);
  });

  test('a message with a bad signature is dropped, as is a malformed one', () => {
    const frames = encodeMessage(msg(), signer);
    frames[7] = b('{"code":"tampered"}');
    expect(decodeMessage(frames, signer)).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(decodeMessage([b('no delimiter')], signer)).toMatchObject({ ok: false, reason: 'malformed' });
    const good = encodeMessage({ ...msg(), header: { bad: 1 } as never }, signer);
    expect(decodeMessage(good, signer)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  test('headers carry protocol 5.3 and fresh ids', () => {
    const h1 = makeHeader('status', 's');
    const h2 = makeHeader('status', 's');
    expect(h1.version).toBe('5.3');
    expect(h1.msg_id).not.toBe(h2.msg_id);
    expect(Number.isNaN(Date.parse(h1.date))).toBe(false);
  });
});

describe('connection file', () => {
  const json = JSON.stringify({
    shell_port: 1,
    iopub_port: 2,
    stdin_port: 3,
    control_port: 4,
    hb_port: 5,
    ip: '127.0.0.1',
    key: 'abc',
    transport: 'tcp',
    signature_scheme: 'hmac-sha256',
    kernel_name: 'tracelab'
  });

  test('parses and builds endpoints', () => {
    const info = parseConnectionInfo(json);
    expect(endpoint(info, 'shell')).toBe('tcp://127.0.0.1:1');
    expect(endpoint(info, 'hb')).toBe('tcp://127.0.0.1:5');
    expect(endpoint({ ...info, transport: 'ipc', ip: '/tmp/k' }, 'iopub')).toBe('ipc:///tmp/k-2');
  });

  test('rejects missing ports and unknown transports', () => {
    expect(() => parseConnectionInfo(json.replace('"hb_port":5,', ''))).toThrow(/hb_port/);
    expect(() => parseConnectionInfo(json.replace('"tcp"', '"udp"'))).toThrow(/transport/);
  });
});
