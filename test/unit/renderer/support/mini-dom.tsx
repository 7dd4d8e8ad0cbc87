// An in-memory document just large enough for react-dom to mount the kiosk under Node and for a test to click it.
//
// No DOM library is among the project's dependencies; this covers what react-dom's client renderer and the
// kiosk's components touch: element and text nodes, attributes, listeners with capture and bubbling, focus.

type Listener = (event: MiniEvent) => void;
interface Registered {
  listener: Listener;
  capture: boolean;
}

export class MiniEvent {
  target: MiniNode | null = null;
  currentTarget: MiniNode | null = null;
  defaultPrevented = false;
  readonly timeStamp = Date.now();
  readonly button = 0;
  readonly isTrusted = true;
  propagationStopped = false;

  constructor(
    readonly type: string,
    readonly bubbles = true,
    readonly cancelable = true,
  ) {}

  preventDefault(): void {
    if (this.cancelable) this.defaultPrevented = true;
  }

  stopPropagation(): void {
    this.propagationStopped = true;
  }
}

export class MiniEventTarget {
  private readonly listeners = new Map<string, Registered[]>();

  addEventListener(type: string, listener: Listener, options?: boolean | { capture?: boolean }): void {
    const capture = typeof options === 'boolean' ? options : (options?.capture ?? false);
    const list = this.listeners.get(type) ?? [];
    if (!list.some((r) => r.listener === listener && r.capture === capture)) list.push({ listener, capture });
    this.listeners.set(type, list);
  }

  removeEventListener(type: string, listener: Listener, options?: boolean | { capture?: boolean }): void {
    const capture = typeof options === 'boolean' ? options : (options?.capture ?? false);
    const list = this.listeners.get(type) ?? [];
    this.listeners.set(
      type,
      list.filter((r) => !(r.listener === listener && r.capture === capture)),
    );
  }

  /** Runs this target's listeners of one phase. */
  protected fire(event: MiniEvent, capture: boolean): void {
    for (const r of [...(this.listeners.get(event.type) ?? [])]) {
      if (r.capture === capture) r.listener.call(this, event);
    }
  }
}

export class MiniNode extends MiniEventTarget {
  parentNode: MiniNode | null = null;
  readonly childNodes: MiniNode[] = [];

  constructor(
    readonly nodeType: number,
    readonly nodeName: string,
    readonly ownerDocument: MiniDocument | null,
  ) {
    super();
  }

  get firstChild(): MiniNode | null {
    return this.childNodes[0] ?? null;
  }

  get lastChild(): MiniNode | null {
    return this.childNodes.at(-1) ?? null;
  }

  get nextSibling(): MiniNode | null {
    const siblings = this.parentNode?.childNodes ?? [];
    return siblings[siblings.indexOf(this) + 1] ?? null;
  }

  get parentElement(): MiniElement | null {
    return this.parentNode instanceof MiniElement ? this.parentNode : null;
  }

  get textContent(): string {
    return this.childNodes.map((child) => child.textContent).join('');
  }

  set textContent(text: string) {
    for (const child of [...this.childNodes]) this.removeChild(child);
    if (text !== '' && this.ownerDocument) this.appendChild(this.ownerDocument.createTextNode(String(text)));
  }

  appendChild<T extends MiniNode>(child: T): T {
    return this.insertBefore(child, null);
  }

  insertBefore<T extends MiniNode>(child: T, reference: MiniNode | null): T {
    child.parentNode?.removeChild(child);
    const at = reference ? this.childNodes.indexOf(reference) : -1;
    if (at < 0) this.childNodes.push(child);
    else this.childNodes.splice(at, 0, child);
    child.parentNode = this;
    return child;
  }

  removeChild<T extends MiniNode>(child: T): T {
    const at = this.childNodes.indexOf(child);
    if (at < 0) throw new Error('not a child of this node');
    this.childNodes.splice(at, 1);
    child.parentNode = null;
    return child;
  }

  contains(node: MiniNode | null): boolean {
    for (let n = node; n; n = n.parentNode) if (n === this) return true;
    return false;
  }

  /** Capture from the top, then the target, then bubbling up: the order a browser keeps. */
  dispatchEvent(event: MiniEvent): boolean {
    event.target = this;
    const path: MiniNode[] = [this];
    for (let n = this.parentNode; n; n = n.parentNode) path.push(n);
    for (const node of [...path].reverse()) {
      if (event.propagationStopped) break;
      event.currentTarget = node;
      node.fire(event, true);
    }
    for (const node of event.bubbles ? path : path.slice(0, 1)) {
      if (event.propagationStopped) break;
      event.currentTarget = node;
      node.fire(event, false);
    }
    event.currentTarget = null;
    return !event.defaultPrevented;
  }
}

export class MiniText extends MiniNode {
  constructor(
    public data: string,
    owner: MiniDocument,
  ) {
    super(3, '#text', owner);
  }

  get nodeValue(): string {
    return this.data;
  }

  set nodeValue(value: string) {
    this.data = value;
  }

  override get textContent(): string {
    return this.data;
  }

  override set textContent(value: string) {
    this.data = value;
  }
}

export class MiniElement extends MiniNode {
  readonly namespaceURI = 'http://www.w3.org/1999/xhtml';
  readonly tagName: string;
  readonly style: Record<string, string> & { setProperty(name: string, value: string): void };
  private readonly attributes = new Map<string, string>();

  constructor(tag: string, owner: MiniDocument) {
    const tagName = tag.toUpperCase();
    super(1, tagName, owner);
    this.tagName = tagName;
    const style: Record<string, string> = {};
    this.style = Object.assign(style, {
      setProperty(name: string, value: string): void {
        style[name] = value;
      },
    });
  }

  getAttribute(name: string): string | null {
    return this.attributes.get(name.toLowerCase()) ?? null;
  }

  setAttribute(name: string, value: string): void {
    this.attributes.set(name.toLowerCase(), String(value));
  }

  removeAttribute(name: string): void {
    this.attributes.delete(name.toLowerCase());
  }

  hasAttribute(name: string): boolean {
    return this.attributes.has(name.toLowerCase());
  }

  get id(): string {
    return this.getAttribute('id') ?? '';
  }

  get className(): string {
    return this.getAttribute('class') ?? '';
  }

  get classList(): { toggle(name: string, on?: boolean): void; contains(name: string): boolean } {
    const names = (): string[] => this.className.split(/\s+/).filter(Boolean);
    return {
      toggle: (name, on) => {
        const rest = names().filter((n) => n !== name);
        const keep = on ?? !names().includes(name);
        this.setAttribute('class', (keep ? [...rest, name] : rest).join(' '));
      },
      contains: (name) => names().includes(name),
    };
  }

  /** A <select>'s options, which react-dom marks selected from the select's value. */
  get options(): MiniElement[] | undefined {
    return this.tagName === 'SELECT' ? this.findAll((element) => element.tagName === 'OPTION') : undefined;
  }

  /** A form control's current value: react-dom sets it as a property; an <option> falls back to its attribute. */
  get value(): string {
    return this.currentValue ?? this.getAttribute('value') ?? '';
  }

  set value(value: string) {
    this.currentValue = String(value);
  }

  private currentValue: string | undefined;

  /** A disabled control takes no clicks, as in a browser. */
  get disabled(): boolean {
    return this.hasAttribute('disabled');
  }

  focus(): void {
    if (this.ownerDocument) this.ownerDocument.activeElement = this;
  }

  blur(): void {
    if (this.ownerDocument?.activeElement === this) this.ownerDocument.activeElement = null;
  }

  /** A tap: the element's click, unless the control is disabled. */
  click(): void {
    if (this.disabled) return;
    this.dispatchEvent(new MiniEvent('click'));
  }

  /** Elements below this one (depth first) that match. */
  findAll(match: (element: MiniElement) => boolean): MiniElement[] {
    const found: MiniElement[] = [];
    const visit = (node: MiniNode): void => {
      for (const child of node.childNodes) {
        if (child instanceof MiniElement) {
          if (match(child)) found.push(child);
          visit(child);
        }
      }
    };
    visit(this);
    return found;
  }
}

export class MiniDocument extends MiniNode {
  activeElement: MiniElement | null = null;
  title = '';
  readonly documentElement: MiniElement;
  readonly body: MiniElement;
  defaultView: MiniWindow | null = null;

  constructor() {
    super(9, '#document', null);
    this.documentElement = new MiniElement('html', this);
    this.body = new MiniElement('body', this);
    this.appendChild(this.documentElement);
    this.documentElement.appendChild(this.body);
  }

  createElement(tag: string): MiniElement {
    return new MiniElement(tag, this);
  }

  createTextNode(text: string): MiniText {
    return new MiniText(text, this);
  }
}

/** The window globals the kiosk and react-dom read. */
export class MiniWindow extends MiniEventTarget {
  /** No frames here: react-dom only tests the active element against it. */
  readonly HTMLIFrameElement = class HTMLIFrameElement {
    readonly tagName = 'IFRAME';
  };
  readonly event = undefined;
  readonly assigned: string[] = [];
  readonly location: { search: string; pathname: string; assign(url: string): void };
  readonly setInterval = (callback: () => void, ms: number): number =>
    setInterval(callback, ms) as unknown as number;
  readonly clearInterval = (id: number): void => clearInterval(id);
  readonly setTimeout = (callback: () => void, ms: number): number =>
    setTimeout(callback, ms) as unknown as number;
  readonly clearTimeout = (id: number): void => clearTimeout(id);

  constructor(
    readonly document: MiniDocument,
    search = '',
  ) {
    super();
    document.defaultView = this;
    const assigned = this.assigned;
    this.location = { search, pathname: '/', assign: (url) => assigned.push(url) };
  }
}
