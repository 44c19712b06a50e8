/**
 * The part of a widget that says how its models are doing: a status line, a
 * progress bar while TensorFlow.js and the weights load (steps from
 * loadShipped), an alert naming what failed, and a Try again button. The
 * alert stays in the accessibility tree while empty, so a message that
 * appears is announced.
 */
import './modelStatus.css';
import { h } from './dom';
import type { LoadStep } from './loadShipped';

export class ModelStatus {
  readonly root: HTMLElement;
  readonly retryButton: HTMLButtonElement;
  private readonly status = h('p', { class: 'vnn-ms-status', role: 'status' });
  private readonly progress = h('progress', { 'aria-label': 'Loading the models' });
  private readonly alert = h('p', { class: 'vnn-ms-error', role: 'alert' });

  constructor(waiting: string) {
    this.retryButton = h('button', { type: 'button', class: 'vnn-ms-retry' }, 'Try again');
    this.retryButton.hidden = true;
    this.progress.hidden = true;
    this.status.textContent = waiting;
    this.root = h('div', { class: 'vnn-ms' }, this.status, this.progress, this.alert, this.retryButton);
  }

  /** A loading step: the message, and the bar at `done` of `total`. */
  step(step: LoadStep): void {
    this.busy(step.message, step.done, step.total);
  }

  busy(message: string, done?: number, total?: number): void {
    this.alert.textContent = '';
    this.retryButton.hidden = true;
    this.status.textContent = message;
    this.progress.hidden = false;
    this.progress.setAttribute('aria-label', message.replace(/…$/, ''));
    if (done !== undefined && total !== undefined) {
      this.progress.max = total;
      this.progress.value = done;
    } else {
      this.progress.removeAttribute('value');
    }
  }

  ready(message: string): void {
    this.progress.hidden = true;
    this.alert.textContent = '';
    this.retryButton.hidden = true;
    this.status.textContent = message;
  }

  failed(message: string): void {
    this.progress.hidden = true;
    this.status.textContent = 'The models could not run. Press Try again to load them afresh.';
    this.alert.textContent = message;
    this.retryButton.hidden = false;
  }
}
