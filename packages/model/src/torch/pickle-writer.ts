/** One tensor of a state dict as `torch.save` pickles it: a view of a whole float32 storage. */
export interface PickledTensor {
  /** The state dict key. */
  key: string;
  /** Sizes, PyTorch order. */
  shape: readonly number[];
  /** The storage record's name (`data/{storageKey}`). */
  storageKey: string;
}

/**
 * Pickle opcodes (protocol 2) used by CPython's pickler for a `state_dict`; see `pickletools`.
 */
const OP = {
  PROTO: 0x80,
  GLOBAL: 0x63, // c
  BINPUT: 0x71, // q
  LONG_BINPUT: 0x72, // r
  BINGET: 0x68, // h
  LONG_BINGET: 0x6a, // j
  EMPTY_TUPLE: 0x29, // )
  REDUCE: 0x52, // R
  MARK: 0x28, // (
  BINUNICODE: 0x58, // X
  TUPLE: 0x74, // t
  TUPLE1: 0x85,
  TUPLE2: 0x86,
  TUPLE3: 0x87,
  BININT1: 0x4b, // K
  BININT2: 0x4d, // M
  BININT: 0x4a, // J
  BINPERSID: 0x51, // Q
  NEWFALSE: 0x89,
  SETITEM: 0x73, // s
  SETITEMS: 0x75, // u
  STOP: 0x2e, // .
} as const;

/** CPython writes dict items in batches of this many (`pickle._Pickler._BATCHSIZE`). */
const BATCH = 1000;

class PickleWriter {
  private readonly parts: number[] = [];
  /** Memo indices of the values fetched again (`BINGET`): globals and shared strings. */
  private readonly shared_ = new Map<string, number>();
  /** Next memo index: CPython memoises every value it writes, after writing it. */
  private next = 0;
  private readonly enc = new TextEncoder();

  op(code: number): void {
    this.parts.push(code);
  }
  u32(n: number): void {
    this.parts.push(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff);
  }
  private memoOp(short: number, long: number, index: number): void {
    if (index < 256) this.parts.push(short, index);
    else {
      this.op(long);
      this.u32(index);
    }
  }
  /** Writes a value, then memoises it (`BINPUT`); it is never fetched again (keys, tuples, reduced objects). */
  fresh(write: () => void): void {
    write();
    this.memoOp(OP.BINPUT, OP.LONG_BINPUT, this.next++);
  }
  /** Writes and memoises a value the first time, fetches it (`BINGET`) afterwards. */
  shared(id: string, write: () => void): void {
    const index = this.shared_.get(id);
    if (index !== undefined) {
      this.memoOp(OP.BINGET, OP.LONG_BINGET, index);
      return;
    }
    write();
    this.shared_.set(id, this.next);
    this.memoOp(OP.BINPUT, OP.LONG_BINPUT, this.next++);
  }
  global(module: string, name: string): void {
    this.shared(`global:${module}.${name}`, () => {
      this.op(OP.GLOBAL);
      for (const b of this.enc.encode(`${module}\n${name}\n`)) this.parts.push(b);
    });
  }
  str(s: string): void {
    const bytes = this.enc.encode(s);
    this.op(OP.BINUNICODE);
    this.u32(bytes.length);
    for (const b of bytes) this.parts.push(b);
  }
  int(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0 || n > 0x7fffffff) throw new RangeError(`writeTorchCheckpoint: integer ${n} out of range`);
    if (n <= 0xff) this.parts.push(OP.BININT1, n);
    else if (n <= 0xffff) this.parts.push(OP.BININT2, n & 0xff, n >>> 8);
    else {
      this.op(OP.BININT);
      this.u32(n);
    }
  }
  /** A tuple of non-negative ints, as CPython writes it (empty: no memo; 1–3: TUPLEn; more: MARK … TUPLE). */
  intTuple(values: readonly number[]): void {
    if (values.length === 0) {
      this.op(OP.EMPTY_TUPLE);
      return;
    }
    this.fresh(() => {
      if (values.length > 3) this.op(OP.MARK);
      for (const v of values) this.int(v);
      this.op(values.length > 3 ? OP.TUPLE : [OP.TUPLE1, OP.TUPLE2, OP.TUPLE3][values.length - 1]!);
    });
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

/** Contiguous (row-major) strides of a shape. */
function strides(shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    out[i] = s;
    s *= shape[i]!;
  }
  return out;
}

/**
 * The `data.pkl` of a `torch.save(OrderedDict)` whose values are contiguous float32 CPU tensors,
 * each the whole of its own storage: protocol 2, exactly the opcodes and memo indices CPython's
 * pickler writes for it (checked byte for byte against a file torch wrote), and only globals
 * that `torch.load(weights_only=True)` allows (`collections.OrderedDict`,
 * `torch._utils._rebuild_tensor_v2`, `torch.FloatStorage`).
 * @internal
 */
export function pickleStateDict(tensors: readonly PickledTensor[]): Uint8Array {
  const w = new PickleWriter();
  w.op(OP.PROTO);
  w.op(2);
  w.fresh(() => {
    w.global('collections', 'OrderedDict');
    w.op(OP.EMPTY_TUPLE);
    w.op(OP.REDUCE);
  });
  for (let start = 0; start < tensors.length; start += BATCH) {
    const batch = tensors.slice(start, start + BATCH);
    if (batch.length > 1) w.op(OP.MARK);
    for (const t of batch) {
      w.fresh(() => w.str(t.key));
      w.fresh(() => {
        w.global('torch._utils', '_rebuild_tensor_v2');
        w.op(OP.MARK);
        // persistent id ('storage', torch.FloatStorage, key, 'cpu', numel)
        w.fresh(() => {
          w.op(OP.MARK);
          w.shared('str:storage', () => w.str('storage'));
          w.global('torch', 'FloatStorage');
          w.fresh(() => w.str(t.storageKey));
          w.shared('str:cpu', () => w.str('cpu'));
          w.int(t.shape.reduce((a, b) => a * b, 1));
          w.op(OP.TUPLE);
        });
        w.op(OP.BINPERSID);
        w.int(0); // storage offset
        w.intTuple(t.shape);
        w.intTuple(strides(t.shape));
        w.op(OP.NEWFALSE); // requires_grad
        w.fresh(() => {
          w.global('collections', 'OrderedDict'); // backward hooks: an empty OrderedDict
          w.op(OP.EMPTY_TUPLE);
          w.op(OP.REDUCE);
        });
        w.op(OP.TUPLE);
      });
      // the REDUCE of _rebuild_tensor_v2 over its argument tuple is memoised too
      w.fresh(() => w.op(OP.REDUCE));
    }
    w.op(batch.length > 1 ? OP.SETITEMS : OP.SETITEM);
  }
  w.op(OP.STOP);
  return w.bytes();
}
