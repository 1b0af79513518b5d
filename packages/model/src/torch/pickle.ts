import { TorchCheckpointError } from './errors.js';

/** A Python global (`module.name`) referenced by a pickle, e.g. a class or a function. */
export class PyGlobal {
  constructor(readonly module: string, readonly name: string) {}
  /** `module.name`. */
  get qualifiedName(): string {
    return `${this.module}.${this.name}`;
  }
}

/**
 * An instance of a Python class the unpickler does not know, built as a plain object: the class,
 * the constructor arguments, and the state `BUILD` gave it (for an `nn.Module`, its `__dict__`
 * with `_parameters`, `_buffers` and `_modules`).
 */
export class PyObject {
  /** The state set by `BUILD` (usually a `Map` of the instance's `__dict__`), or `undefined`. */
  state: unknown = undefined;
  constructor(readonly cls: PyGlobal, readonly args: readonly unknown[]) {}
}

/** Options of {@link unpickle}. */
export interface UnpickleOptions {
  /** The file named in errors. */
  path: string;
  /** Turns a global + arguments into a value; return `undefined` to build a {@link PyObject}. */
  call?: (fn: PyGlobal, args: unknown[]) => unknown;
  /** Resolves a persistent id (`BINPERSID`); required when the pickle uses one. */
  persistentLoad?: (pid: unknown) => unknown;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * A small, safe unpickler for the subset of pickle protocols 2–5 that `torch.save` writes. It never
 * imports or runs code: known globals go through `options.call`, unknown classes become
 * {@link PyObject}s, dicts become `Map`s, lists and tuples arrays, sets `Set`s, ints numbers
 * (or `bigint` beyond 2^53). Every opcode consumes input, so corrupt input ends with an error,
 * never a hang.
 *
 * @throws TorchCheckpointError on an unknown opcode, truncated input or a malformed stack.
 * @internal
 */
export function unpickle(bytes: Uint8Array, options: UnpickleOptions): unknown {
  const { path } = options;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (msg: string): never => {
    throw new TorchCheckpointError(path, `malformed pickle at byte ${pos}: ${msg}`);
  };
  let pos = 0;
  const stack: unknown[] = [];
  const marks: number[] = [];
  const memo = new Map<number, unknown>();

  const need = (n: number): number => {
    if (n < 0 || pos + n > bytes.length) fail(`truncated (needs ${n} more bytes, ${bytes.length - pos} left)`);
    const at = pos;
    pos += n;
    return at;
  };
  const u8 = (): number => bytes[need(1)]!;
  const u16 = (): number => view.getUint16(need(2), true);
  const u32 = (): number => view.getUint32(need(4), true);
  const u64 = (): number => {
    const at = need(8);
    const hi = view.getUint32(at + 4, true);
    if (hi >= 2 ** 21) fail('length too large');
    return hi * 2 ** 32 + view.getUint32(at, true);
  };
  const raw = (n: number): Uint8Array => {
    const at = need(n);
    return bytes.subarray(at, at + n);
  };
  const utf8 = (n: number): string => {
    try {
      return decoder.decode(raw(n));
    } catch (e) {
      if (e instanceof TorchCheckpointError) throw e;
      return fail('invalid UTF-8 string');
    }
  };
  const latin1 = (n: number): string => bytesToLatin1(raw(n));
  const line = (): string => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) fail('unterminated line');
    const s = bytesToLatin1(bytes.subarray(pos, end));
    pos = end + 1;
    return s;
  };
  const pop = (): unknown => {
    if (stack.length === 0 || (marks.length > 0 && stack.length <= marks[marks.length - 1]!)) fail('stack underflow');
    return stack.pop();
  };
  const top = (): unknown => {
    if (stack.length === 0) fail('stack underflow');
    return stack[stack.length - 1];
  };
  const popMark = (): unknown[] => {
    const m = marks.pop();
    if (m === undefined) fail('no MARK on the stack');
    const items = stack.splice(m!);
    return items;
  };
  const long = (b: Uint8Array): number | bigint => {
    if (b.length === 0) return 0;
    let v = 0n;
    for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
    if (b[b.length - 1]! & 0x80) v -= 1n << BigInt(8 * b.length);
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  };
  const call = (fn: unknown, args: unknown): unknown => {
    if (!(fn instanceof PyGlobal)) return fail('call of a non-global');
    if (!Array.isArray(args)) return fail(`arguments of ${(fn as PyGlobal).qualifiedName} are not a tuple`);
    const made = options.call?.(fn as PyGlobal, args as unknown[]);
    return made === undefined ? new PyObject(fn as PyGlobal, args as unknown[]) : made;
  };
  const setItem = (target: unknown, k: unknown, v: unknown): void => {
    if (target instanceof Map) target.set(k, v);
    else if (target instanceof PyObject) {
      // dict subclasses pickled by reduce: keep the items in the state map
      if (!(target.state instanceof Map)) target.state = new Map();
      (target.state as Map<unknown, unknown>).set(k, v);
    } else fail('SETITEM(S) on a non-dict');
  };
  const append = (target: unknown, items: unknown[]): void => {
    if (Array.isArray(target)) target.push(...items);
    else if (target instanceof Set) items.forEach((i) => target.add(i));
    else fail('APPEND(S) on a non-list');
  };

  for (;;) {
    const op = u8();
    switch (op) {
      case 0x80: // PROTO
        u8();
        break;
      case 0x95: // FRAME
        u64();
        break;
      case 0x2e: // STOP
        if (stack.length !== 1 || marks.length !== 0) fail(`STOP with ${stack.length} values on the stack`);
        return stack[0];
      case 0x28: // MARK
        marks.push(stack.length);
        break;
      case 0x7d: // EMPTY_DICT
        stack.push(new Map());
        break;
      case 0x5d: // EMPTY_LIST
        stack.push([]);
        break;
      case 0x29: // EMPTY_TUPLE
        stack.push([]);
        break;
      case 0x8f: // EMPTY_SET
        stack.push(new Set());
        break;
      case 0x4e: // NONE
        stack.push(null);
        break;
      case 0x88: // NEWTRUE
        stack.push(true);
        break;
      case 0x89: // NEWFALSE
        stack.push(false);
        break;
      case 0x4b: // BININT1
        stack.push(u8());
        break;
      case 0x4d: // BININT2
        stack.push(u16());
        break;
      case 0x4a: // BININT
        stack.push(view.getInt32(need(4), true));
        break;
      case 0x8a: // LONG1
        stack.push(long(raw(u8())));
        break;
      case 0x8b: // LONG4
        stack.push(long(raw(u32())));
        break;
      case 0x47: // BINFLOAT
        stack.push(view.getFloat64(need(8), false));
        break;
      case 0x58: // BINUNICODE
        stack.push(utf8(u32()));
        break;
      case 0x8c: // SHORT_BINUNICODE
        stack.push(utf8(u8()));
        break;
      case 0x8d: // BINUNICODE8
        stack.push(utf8(u64()));
        break;
      case 0x54: // BINSTRING (python 2 str)
        stack.push(latin1(u32()));
        break;
      case 0x55: // SHORT_BINSTRING
        stack.push(latin1(u8()));
        break;
      case 0x42: // BINBYTES
        stack.push(raw(u32()).slice());
        break;
      case 0x43: // SHORT_BINBYTES
        stack.push(raw(u8()).slice());
        break;
      case 0x8e: // BINBYTES8
        stack.push(raw(u64()).slice());
        break;
      case 0x71: // BINPUT
        memo.set(u8(), top());
        break;
      case 0x72: // LONG_BINPUT
        memo.set(u32(), top());
        break;
      case 0x94: // MEMOIZE
        memo.set(memo.size, top());
        break;
      case 0x68: // BINGET
      case 0x6a: {
        // LONG_BINGET
        const k = op === 0x68 ? u8() : u32();
        if (!memo.has(k)) fail(`memo key ${k} not set`);
        stack.push(memo.get(k));
        break;
      }
      case 0x85: // TUPLE1
        stack.push([pop()]);
        break;
      case 0x86: {
        // TUPLE2
        const b = pop();
        stack.push([pop(), b]);
        break;
      }
      case 0x87: {
        // TUPLE3
        const c = pop();
        const b = pop();
        stack.push([pop(), b, c]);
        break;
      }
      case 0x74: // TUPLE
      case 0x6c: // LIST
        stack.push(popMark());
        break;
      case 0x91: // FROZENSET
        stack.push(new Set(popMark()));
        break;
      case 0x64: {
        // DICT
        const items = popMark();
        const d = new Map();
        for (let i = 0; i + 1 < items.length; i += 2) d.set(items[i], items[i + 1]);
        stack.push(d);
        break;
      }
      case 0x63: {
        // GLOBAL
        const module = line();
        stack.push(new PyGlobal(module, line()));
        break;
      }
      case 0x93: {
        // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string') fail('STACK_GLOBAL needs two strings');
        stack.push(new PyGlobal(module as string, name as string));
        break;
      }
      case 0x52: {
        // REDUCE
        const args = pop();
        stack.push(call(pop(), args));
        break;
      }
      case 0x81: {
        // NEWOBJ
        const args = pop();
        stack.push(call(pop(), args));
        break;
      }
      case 0x92: {
        // NEWOBJ_EX
        pop(); // kwargs
        const args = pop();
        stack.push(call(pop(), args));
        break;
      }
      case 0x62: {
        // BUILD
        const state = pop();
        const obj = top();
        if (obj instanceof PyObject) obj.state = state;
        else if (obj instanceof Map && state instanceof Map) {
          // e.g. an OrderedDict state_dict's `_metadata` attribute: not an item, ignored
        } else if (obj === null || typeof obj !== 'object') fail('BUILD on a non-object');
        break;
      }
      case 0x73: {
        // SETITEM
        const v = pop();
        const k = pop();
        setItem(top(), k, v);
        break;
      }
      case 0x75: {
        // SETITEMS
        const items = popMark();
        const target = top();
        for (let i = 0; i + 1 < items.length; i += 2) setItem(target, items[i], items[i + 1]);
        break;
      }
      case 0x61: {
        // APPEND
        const v = pop();
        append(top(), [v]);
        break;
      }
      case 0x65: // APPENDS
      case 0x90: {
        // ADDITEMS
        const items = popMark();
        append(top(), items);
        break;
      }
      case 0x51: {
        // BINPERSID
        const pid = pop();
        if (!options.persistentLoad) fail('persistent id without a loader');
        stack.push(options.persistentLoad!(pid));
        break;
      }
      case 0x30: // POP
        if (stack.length > 0 && marks.length > 0 && stack.length === marks[marks.length - 1]) marks.pop();
        else pop();
        break;
      case 0x31: // POP_MARK
        popMark();
        break;
      case 0x32: // DUP
        stack.push(top());
        break;
      default:
        fail(`unsupported opcode 0x${op.toString(16).padStart(2, '0')}`);
    }
  }
}

function bytesToLatin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 4096) s += String.fromCharCode(...b.subarray(i, i + 4096));
  return s;
}
