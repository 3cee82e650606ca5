// Type declarations for extwasm.js, the glue that loads a Go (GOOS=js) module in an extension
// context and, for pages without Go, a small client for Go routes and ports.

/** The codes an extwasm error carries: the envelope's codes, plus Chrome's own outcomes classified. */
type ExtwasmCode =
  | 'no_receiver' | 'disconnected' | 'denied' | 'invalid' | 'too_large' | 'timeout' | 'canceled'
  | 'not_found' | 'internal' | 'remote' | 'not_serializable' | 'native' | 'busy'
  | 'unavailable';

/** An Error from extwasm.send or a port: message is the receiver's message or Chrome's text. */
interface ExtwasmError extends Error {
  code: ExtwasmCode;
  /** The text of each error in the receiver's Go error chain, outermost first, when it sent one. */
  chain?: string[];
}

/**
 * Where a message goes: omitted for this extension's worker and pages; a tab's content scripts
 * (all frames unless frameId or documentId is given); or another extension.
 */
type ExtwasmTarget =
  | undefined
  | { tabId: number; frameId?: number; documentId?: string }
  | { extensionId: string };

interface ExtwasmStartOptions {
  /**
   * The routes the Go module handles. While Go starts, the glue keeps Chrome's reply channel open
   * only for envelopes of these routes and stays silent on others, so another context can answer.
   * Omitted: every envelope.
   */
  routes?: string[];
  /**
   * Whether the Go module handles messages that are not extwasm envelopes (bridge.HandleRaw): true
   * for all of them, or the top-level keys its handler claims (bridge.RawKeys), e.g. ['greeting'].
   */
  raw?: boolean | string[];
  /**
   * The routes whose Go handlers admit some external sender (bridge.AllowExtensions,
   * AllowExtensionContentScripts, AllowOrigins). While Go starts, envelopes from other extensions
   * and web pages are kept only for these, so that a woken worker, like a running one, does not
   * reveal its other routes. Omitted: external envelopes are kept as `routes` says, and Go answers
   * the ones it keeps for routes external senders may not use exactly as for routes it lacks.
   */
  external?: string[];
  /**
   * Chrome events the Go code listens to that must wake the worker, e.g. 'alarms.onAlarm',
   * 'tabs.onUpdated', 'storage.onChanged', 'runtime.onInstalled'. Registered at once and buffered
   * until Go subscribes; each one makes Chrome start the worker when it fires.
   */
  events?: string[];
  /** How long Go has to call bridge.Ready() before every sender gets an error (default 10000). */
  readyTimeoutMs?: number;
  /**
   * In a content script, whether a module that the page's CSP keeps from compiling runs in a
   * hidden extension frame instead (extwasm-frame.html, which must be web-accessible). Default true.
   */
  frame?: boolean;
}

/** A port opened by extwasm.connect. */
interface ExtwasmPort {
  readonly name: string;
  /** Posts a message; throws an ExtwasmError with code 'disconnected' once the port is closed. */
  send(message: unknown): void;
  onMessage(listener: (message: any) => void): void;
  /**
   * Called once when the port closes: with null when the other side disconnected normally, with
   * an ExtwasmError when it refused the port (its error envelope) or Chrome reported an error.
   */
  onDisconnect(listener: (error: ExtwasmError | null) => void): void;
  disconnect(): void;
}

/** What a context holds for senders (extwasm.held()); sizes are characters of JSON text. */
interface ExtwasmHeld {
  /** One-time messages not answered yet: buffered before Ready, or handed to Go. */
  messages: number;
  messageChars: number;
  /** Port messages buffered before Ready. */
  portChars: number;
  /** Ports other contexts have open to this one. */
  openPorts: number;
  /** Messages and ports waiting for Go to be ready. */
  queued: number;
  limits: { pendingMessages: number; pendingBytes: number; portQueue: number; portQueueBytes: number; openPorts: number };
}

interface Extwasm {
  /**
   * Loads and runs a Go module (a path inside the extension). Call it synchronously at the top
   * level of the script. Resolves once Go has called bridge.Ready().
   */
  start(file: string, options?: ExtwasmStartOptions): Promise<void>;
  /** "starting", "ready" or the reason the module can no longer answer. */
  status(): string;
  /**
   * What senders make this context hold now, against its limits (bridge.MaxPendingMessages and
   * the rest): past one, that sender gets a 'busy' error.
   */
  held(): ExtwasmHeld;
  /** Where a content script's Go runs: "here", or "frame" when the page's CSP blocked wasm. */
  mode(): 'here' | 'frame';
  /** Milliseconds from start to Go ready, or -1 until Go is ready. */
  startupMs(): number;
  /**
   * Calls a Go route: resolves to the reply's body, rejects with an ExtwasmError (code 'no_receiver'
   * when no context answered).
   */
  send<Resp = any>(route: string, body?: unknown, target?: ExtwasmTarget): Promise<Resp>;
  /** Opens a port named name to a Go port handler (bridge.OnConnect). */
  connect(name: string, target?: ExtwasmTarget): ExtwasmPort;
}

declare var extwasm: Extwasm;
