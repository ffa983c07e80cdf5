/**
 * jsdom gaps for the renderer tests (machine.md section 8) plus a recording 2D canvas context: painters draw
 * into it and tests read back what was drawn (texts, rect counts, fill colours) without a real canvas.
 */
if (!globalThis.ResizeObserver) {
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
if (!globalThis.TextEncoder) {
  const u = require('util');
  globalThis.TextEncoder = u.TextEncoder;
  globalThis.TextDecoder = u.TextDecoder;
}
if (!globalThis.DragEvent) {
  globalThis.DragEvent = class DragEvent extends Event {
    constructor(t, i = {}) {
      super(t, i);
      this.dataTransfer = i.dataTransfer ?? null;
    }
  };
}
if (!window.matchMedia) {
  window.matchMedia = q => ({
    matches: false,
    media: q,
    onchange: null,
    addListener() {},
    removeListener() {},
    addEventListener() {},
    removeEventListener() {},
    dispatchEvent: () => false
  });
}

const MAX_CALLS = 200000;

class RecordingContext {
  constructor(canvas) {
    this.canvas = canvas;
    this.fillStyle = '#000';
    this.strokeStyle = '#000';
    this.lineWidth = 1;
    this.font = '10px sans-serif';
    this.textAlign = 'start';
    this.textBaseline = 'alphabetic';
    this.globalAlpha = 1;
    this.lineCap = 'butt';
    this.lineJoin = 'miter';
    this.reset();
  }
  reset() {
    this.calls = [];
    this.counts = {};
    this.texts = [];
    this.fills = [];
  }
  _log(name, args) {
    this.counts[name] = (this.counts[name] || 0) + 1;
    if (this.calls.length < MAX_CALLS) this.calls.push([name, ...args]);
  }
  measureText(text) {
    return { width: String(text).length * 6, actualBoundingBoxAscent: 8, actualBoundingBoxDescent: 2 };
  }
  fillText(text, x, y) {
    this.texts.push(String(text));
    this._log('fillText', [text, x, y]);
  }
  fill() {
    this.fills.push(this.fillStyle);
    this._log('fill', []);
  }
  getImageData(x, y, w, h) {
    return { width: w, height: h, data: new Uint8ClampedArray(Math.max(0, w * h * 4)) };
  }
  createLinearGradient() {
    return { addColorStop() {} };
  }
  getLineDash() {
    return [];
  }
}
for (const m of [
  'fillRect',
  'strokeRect',
  'clearRect',
  'beginPath',
  'closePath',
  'rect',
  'moveTo',
  'lineTo',
  'arc',
  'arcTo',
  'bezierCurveTo',
  'quadraticCurveTo',
  'ellipse',
  'stroke',
  'clip',
  'save',
  'restore',
  'setTransform',
  'resetTransform',
  'transform',
  'translate',
  'scale',
  'rotate',
  'drawImage',
  'putImageData',
  'setLineDash',
  'strokeText'
]) {
  RecordingContext.prototype[m] = function (...args) {
    this._log(m, args);
  };
}

HTMLCanvasElement.prototype.getContext = function (type) {
  if (type !== '2d') return null;
  if (!this.__recording) this.__recording = new RecordingContext(this);
  return this.__recording;
};
HTMLCanvasElement.prototype.toBlob = function (cb, type) {
  setTimeout(() => cb(new Blob(['fake-png'], { type: type || 'image/png' })), 0);
};
HTMLCanvasElement.prototype.toDataURL = function () {
  return 'data:image/png;base64,';
};
if (!URL.createObjectURL) {
  let n = 0;
  URL.createObjectURL = () => `blob:test/${++n}`;
  URL.revokeObjectURL = () => undefined;
}
if (!globalThis.structuredClone) {
  const v8 = require('v8');
  globalThis.structuredClone = v => v8.deserialize(v8.serialize(v));
}
if (!navigator.clipboard) {
  // @jupyterlab/apputils warns at import time without a system clipboard.
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: async () => undefined, readText: async () => '', write: async () => undefined }
  });
}
