/**
 * <vnn-runtime-status>: which TensorFlow.js backend this browser uses for the
 * book's live figures, and a self-test of every backend (a real 3-D convolution
 * checked against the plain-loop reference). Loads tfjs only when the reader asks.
 * Attribute `backend` (auto | webgl | wasm | cpu) puts a backend first.
 */
import '../shared/widget.css';
import './runtimeStatus.css';
import { h, showNotes, uniqueId } from '../shared/dom';
import { parseState } from './state';
import { BACKEND_LABELS, BACKEND_ORDER, tryBackend, type Runtime, type WasmPaths } from '../../lib/video-nn/runtime/backend';
import { maxOutputDifference, modelSelfTest, selfTest } from '../../lib/video-nn/runtime/selfTest';
import { formatSignificant } from '../../lib/video-nn/analysis/videoSize';

export class RuntimeStatusElement extends HTMLElement {
  private started = false;
  private readonly status = h('p', { class: 'vnn-rs-status', role: 'status', 'aria-live': 'polite' });
  private readonly progress = h('progress', { 'aria-label': 'Loading TensorFlow.js' });
  private readonly table = h('table', { class: 'vnn-rs-table' });
  private readonly about = h('p', { class: 'vnn-rs-about', id: uniqueId('vnn-rs-about') });
  private readonly notes = h('ul', { class: 'vnn-notes', 'aria-live': 'polite' });

  private readonly button = h('button', { type: 'button', class: 'vnn-rs-run' }, 'Check this browser');

  connectedCallback(): void {
    if (this.started) return;
    this.started = true;
    this.status.textContent = 'The check loads TensorFlow.js and runs a 3-D convolution on each backend it finds.';
    this.progress.hidden = true;
    this.replaceChildren(
      h(
        'div',
        { class: 'vnn-widget vnn-runtime-status not-content' },
        h('p', { class: 'vnn-title' }, 'Where the live figures run'),
        this.status,
        this.button,
        this.progress,
        this.about,
        // Scrolls sideways on a phone instead of widening the page; focusable so keyboard users can scroll it.
        h('div', { class: 'vnn-rs-scroll', tabindex: 0, role: 'region', 'aria-label': 'Self-test results' }, this.table),
        this.notes,
      ),
    );
    // Loading tfjs is heavy, so it waits for the reader to ask. The attribute is
    // read then, so a page script may still set it.
    this.button.addEventListener('click', () => {
      this.button.disabled = true;
      const { prefer, notes } = parseState(this.hasAttribute('backend') ? [['backend', this.getAttribute('backend') ?? '']] : []);
      showNotes(this.notes, notes);
      void this.run(prefer).finally(() => {
        this.button.hidden = true;
      });
    });
  }

  private async run(prefer: Runtime['backend'] | undefined): Promise<void> {
    this.progress.hidden = false;
    this.status.textContent = 'Loading TensorFlow.js…';
    let runtime: Runtime;
    let wasmPaths: WasmPaths;
    try {
      const site = await import('../shared/tfRuntime');
      wasmPaths = site.WASM_PATHS;
      runtime = await site.getRuntime(prefer);
    } catch (error) {
      this.progress.hidden = true;
      this.status.textContent = `TensorFlow.js could not start here (${error instanceof Error ? error.message : String(error)}). The text and the calculators still work; figures that run models will not.`;
      return;
    }
    this.dataset.backend = runtime.backend;
    const skipped = runtime.attempts.filter((a) => !a.ok);
    const because = skipped.map((a) => `${a.reason}`).join('; ');
    this.status.textContent =
      `Live figures on this site run on ${BACKEND_LABELS[runtime.backend]}.` +
      (skipped.length > 0 ? ` ${because}, so they use ${BACKEND_LABELS[runtime.backend]} instead: they work, more slowly.` : '');
    this.status.dataset.backend = runtime.backend;
    this.progress.setAttribute('aria-label', 'Testing each backend');
    try {
      await this.probe(runtime, wasmPaths);
    } catch (error) {
      this.status.textContent += ` The self-test stopped with an error: ${error instanceof Error ? error.message : String(error)}.`;
      await runtime.tf.setBackend(runtime.backend).catch(() => false);
    } finally {
      this.progress.hidden = true;
    }
  }

  /**
   * Self-tests every backend in turn, then returns to the chosen one: a 3-D
   * convolution against the plain-loop reference, and a whole tiny model built
   * from its spec against the same model on the CPU backend.
   */
  private async probe(runtime: Runtime, wasmPaths: WasmPaths): Promise<void> {
    const { tf } = runtime;
    const body = h('tbody');
    const col = (text: string) => h('th', { scope: 'col' }, text);
    // Described outside the table, so the text wraps on a phone while the table scrolls.
    this.about.textContent =
      'Self-test: a 3-D convolution (8×16×16×3 input, 3×3×3 kernel, 8 filters) against a plain-loop reference, and a tiny 3-D CNN against the same network on the CPU.';
    this.table.setAttribute('aria-describedby', this.about.id);
    this.table.replaceChildren(
      h('caption', {}, 'Self-test results'),
      h('thead', {}, h('tr', {}, col('Backend'), col('Result'), col('Convolution error'), col('Model vs CPU'), col('Time (conv, model)'))),
      body,
    );
    // The CPU backend is the reference; registering it also switches to it.
    const cpu = await tryBackend(tf, 'cpu', {});
    if (!cpu.ok) throw new Error(cpu.reason ?? 'the CPU backend did not start');
    const cpuModel = await modelSelfTest(tf);
    for (const name of BACKEND_ORDER) {
      const row = h('tr', { 'data-backend': name }, h('th', { scope: 'row' }, BACKEND_LABELS[name] + (name === runtime.backend ? ' — in use' : '')));
      body.append(row);
      const attempt = name === runtime.backend || name === 'cpu' ? { backend: name, ok: true } : await tryBackend(tf, name, { wasmPaths });
      if (!attempt.ok) {
        row.append(h('td', { colspan: 4 }, `Not available: ${'reason' in attempt ? attempt.reason : ''}`));
        continue;
      }
      await tf.setBackend(name);
      const conv = await selfTest(tf);
      const model = name === 'cpu' ? cpuModel : await modelSelfTest(tf);
      const modelDiff = maxOutputDifference(model, cpuModel);
      const pass = conv.maxError <= 1e-4 && modelDiff <= 1e-4;
      row.dataset.maxError = String(conv.maxError);
      row.dataset.modelDiff = String(modelDiff);
      const small = (x: number) => (x === 0 ? '0' : x.toExponential(1));
      row.append(
        h('td', {}, pass ? 'Correct' : 'Wrong results'),
        h('td', {}, small(conv.maxError)),
        h('td', {}, name === 'cpu' ? 'reference' : small(modelDiff)),
        h('td', {}, `${formatSignificant(conv.millis, 2)} ms, ${formatSignificant(model.millis, 2)} ms`),
      );
    }
    await tf.setBackend(runtime.backend);
  }
}

if (!customElements.get('vnn-runtime-status')) customElements.define('vnn-runtime-status', RuntimeStatusElement);
