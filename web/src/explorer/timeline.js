// The timeline under the graph: a histogram of the drawn relationships by
// date (undated ones counted apart), a window with two handles that can be
// dragged (or moved whole) to keep only the relationships dated within it,
// and a play button that steps the window through time. Plain SVG, no
// library. The window is the explorer's since/until filter: onChange gets
// "YYYY-MM-DD" bounds, or '' for an open end.

const NS = 'http://www.w3.org/2000/svg';
const DAY = 86_400_000;
const MAX_BINS = 60;
const PAD = 8; // px left and right of the bars
const STEP_MS = 700;

/** day turns "YYYY-MM-DD" into a day number (days since 1970-01-01). */
export function day(date) {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY);
}

/** date turns a day number back into "YYYY-MM-DD". */
export function date(d) {
  return new Date(d * DAY).toISOString().slice(0, 10);
}

function svg(tag, attrs) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

export class Timeline {
  /**
   * root holds the play button (.play), the SVG (svg) and a label (.label);
   * onChange(since, until) is called when the user moves the window.
   */
  constructor(root, onChange) {
    this.root = root;
    this.svg = root.querySelector('svg');
    this.label = root.querySelector('.label');
    this.playButton = root.querySelector('.play');
    this.onChange = onChange;
    this.first = null; // the first and last day drawn (null: nothing dated)
    this.last = null;
    this.lo = null; // the window, in days, inclusive
    this.hi = null;
    this.undated = 0;
    this.timer = null;
    this.disabled = ''; // when set, why the timeline is off (shown as its label)
    this.playButton.addEventListener('click', () => (this.timer ? this.stop() : this.play()));
    this.svg.addEventListener('pointerdown', (e) => this.grab(e));
    new ResizeObserver(() => this.draw()).observe(this.svg);
  }

  /**
   * Sets the relationships to count (their dates, null for undated) and the
   * current window ('' for an open end).
   */
  update(dates, since, until) {
    const days = [];
    this.undated = 0;
    for (const d of dates) {
      if (d) days.push(day(d));
      else this.undated++;
    }
    this.days = days;
    if (days.length) {
      this.first = Math.min(...days);
      this.last = Math.max(...days);
    } else {
      this.first = this.last = null;
    }
    this.setWindow(since, until);
  }

  /** Sets the window from the filter's bounds, without calling onChange. */
  setWindow(since, until) {
    if (this.first == null) {
      this.lo = this.hi = null;
    } else {
      this.lo = since ? Math.max(this.first, Math.min(day(since), this.last)) : this.first;
      this.hi = until ? Math.min(this.last, Math.max(day(until), this.first)) : this.last;
      if (this.hi < this.lo) this.hi = this.lo;
    }
    this.draw();
  }

  /**
   * Turns the timeline off with a reason shown in its place (reason '':
   * back on); a window in use is left as the filter has it.
   */
  disable(reason) {
    if (reason) this.stop();
    this.disabled = reason;
    this.draw();
  }

  /** The days a bar spans. */
  binDays() {
    return Math.max(1, Math.ceil((this.last - this.first + 1) / MAX_BINS));
  }

  x(d) {
    const w = this.svg.clientWidth - 2 * PAD;
    return PAD + ((d - this.first) / (this.last - this.first + 1)) * w;
  }

  dayAt(px) {
    const w = this.svg.clientWidth - 2 * PAD;
    const d = this.first + Math.floor(((px - PAD) / w) * (this.last - this.first + 1));
    return Math.max(this.first, Math.min(this.last, d));
  }

  draw() {
    const s = this.svg;
    s.replaceChildren();
    const full = this.first == null || (this.lo === this.first && this.hi === this.last);
    this.root.toggleAttribute('data-disabled', !!this.disabled);
    this.root.toggleAttribute('data-empty', this.first == null || !!this.disabled);
    this.playButton.disabled = this.first == null || this.first === this.last || !!this.disabled;
    if (this.disabled) {
      this.label.textContent = this.disabled;
      return;
    }
    if (this.first == null) {
      this.label.textContent = this.undated ? `no dated relationships · ${this.undated} undated` : 'no relationships drawn';
      return;
    }
    const h = s.clientHeight;
    const bin = this.binDays();
    const counts = new Map();
    for (const d of this.days) {
      const b = this.first + Math.floor((d - this.first) / bin) * bin;
      counts.set(b, (counts.get(b) ?? 0) + 1);
    }
    const max = Math.max(...counts.values());
    for (const [b, n] of counts) {
      const x0 = this.x(b);
      const x1 = this.x(Math.min(b + bin, this.last + 1));
      const bh = Math.max(2, ((h - 6) * n) / max);
      const inside = b + bin - 1 >= this.lo && b <= this.hi;
      s.append(
        svg('rect', {
          class: `bar${inside ? ' in' : ''}`,
          x: x0 + 0.5,
          y: h - bh,
          width: Math.max(1, x1 - x0 - 1),
          height: bh,
          'data-day': date(b),
          'data-count': n,
        }),
      );
    }
    const wx0 = this.x(this.lo);
    const wx1 = this.x(this.hi + 1);
    s.append(svg('rect', { class: 'window', x: wx0, y: 0, width: Math.max(2, wx1 - wx0), height: h }));
    s.append(svg('rect', { class: 'handle', 'data-handle': 'lo', x: wx0 - 4, y: 0, width: 8, height: h }));
    s.append(svg('rect', { class: 'handle', 'data-handle': 'hi', x: wx1 - 4, y: 0, width: 8, height: h }));
    const shown = this.days.filter((d) => d >= this.lo && d <= this.hi).length;
    const range = this.lo === this.hi ? date(this.lo) : `${date(this.lo)} – ${date(this.hi)}`;
    this.label.textContent = [
      range,
      full ? `${this.days.length} dated` : `${shown} of ${this.days.length} dated`,
      this.undated ? `${this.undated} undated${full ? '' : ' (hidden)'}` : null,
    ]
      .filter(Boolean)
      .join(' · ');
  }

  /** Starts dragging a handle, or the window (or centres it on a click). */
  grab(e) {
    if (this.first == null || this.disabled) return;
    this.stop();
    const handle = e.target.dataset?.handle;
    const rect = this.svg.getBoundingClientRect();
    const start = this.dayAt(e.clientX - rect.left);
    const lo0 = this.lo;
    const hi0 = this.hi;
    const width = hi0 - lo0;
    const inWindow = start >= lo0 && start <= hi0;
    const move = (ev) => {
      const d = this.dayAt(ev.clientX - rect.left);
      if (handle === 'lo') this.lo = Math.min(d, this.hi);
      else if (handle === 'hi') this.hi = Math.max(d, this.lo);
      else if (inWindow) {
        const lo = Math.max(this.first, Math.min(this.last - width, lo0 + d - start));
        this.lo = lo;
        this.hi = lo + width;
      } else {
        // A press outside the window starts a new one there.
        this.lo = Math.min(start, d);
        this.hi = Math.max(start, d);
      }
      this.draw();
    };
    const up = (ev) => {
      move(ev);
      this.svg.removeEventListener('pointermove', move);
      this.svg.removeEventListener('pointerup', up);
      this.svg.removeEventListener('pointercancel', up);
      this.emit();
    };
    this.svg.setPointerCapture?.(e.pointerId);
    this.svg.addEventListener('pointermove', move);
    this.svg.addEventListener('pointerup', up);
    this.svg.addEventListener('pointercancel', up);
    e.preventDefault();
  }

  emit() {
    const full = this.lo === this.first && this.hi === this.last;
    this.onChange(full || this.lo === this.first ? '' : date(this.lo), full || this.hi === this.last ? '' : date(this.hi));
  }

  /**
   * Steps the window through time, a bar at a time: a window over
   * everything first shrinks to the first bar.
   */
  play() {
    if (this.first == null || this.first === this.last || this.disabled) return;
    const bin = this.binDays();
    if (this.hi >= this.last || (this.lo === this.first && this.hi === this.last)) {
      const width = this.lo === this.first && this.hi === this.last ? bin - 1 : this.hi - this.lo;
      this.lo = this.first;
      this.hi = Math.min(this.last, this.first + width);
    }
    this.root.setAttribute('data-playing', '');
    this.playButton.textContent = '❚❚';
    this.playButton.title = 'Pause';
    this.draw();
    this.emitWindow();
    this.timer = setInterval(() => {
      if (this.hi >= this.last) return this.stop();
      const width = this.hi - this.lo;
      this.lo = Math.min(this.last - width, this.lo + bin);
      this.hi = this.lo + width;
      this.draw();
      this.emitWindow();
    }, STEP_MS);
  }

  /** onChange with both bounds set, as play moves a closed window. */
  emitWindow() {
    this.onChange(date(this.lo), date(this.hi));
  }

  stop() {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
    this.root.removeAttribute('data-playing');
    this.playButton.textContent = '▶';
    this.playButton.title = 'Play: step the window through time';
  }
}
