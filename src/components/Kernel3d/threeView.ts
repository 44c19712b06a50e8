/**
 * The Three.js picture of the sliding kernel: the clip as a stack of frame slabs
 * (time running into the page), the kernel as a box spanning k_t slabs, and the
 * output volume beside it whose cells fill in as the kernel steps, the current
 * one lit. It draws only what it is given and renders on demand (no animation
 * loop), so it costs nothing while the reader is not interacting.
 * Loaded with a dynamic import, only when the widget is near the viewport.
 */
import * as THREE from 'three';
import { CLIP, inputWindow, stepIndex, type Kernel3dState } from './state';

/** World units between neighbouring frames; one pixel is one unit. */
const GAP = 4;
/** Space between the clip and the output volume. */
const MARGIN = 14;

export interface SceneColours {
  accent: string;
  muted: string;
  /** Two ends of the diverging value scale and its middle. */
  negative: [number, number, number];
  zero: [number, number, number];
  positive: [number, number, number];
}

export interface SceneFrame {
  state: Kernel3dState;
  clip: Float32Array;
  /** 3-D outputs, T'×H'×W' (absent until computed). */
  output?: { shape: [number, number, number]; values: Float32Array; scale: number };
  colours: SceneColours;
  /** Horizontal turn of the view, degrees. */
  turn: number;
}

/** Can this browser give Three.js a WebGL context? Checked first so a browser without one logs no errors. */
export function canUseWebgl(): boolean {
  try {
    const canvas = document.createElement('canvas');
    return Boolean(canvas.getContext('webgl2') ?? canvas.getContext('webgl'));
  } catch {
    return false;
  }
}

/** A diverging colour for v in [−1, 1]. */
export function divergingColour(v: number, c: Pick<SceneColours, 'negative' | 'zero' | 'positive'>): [number, number, number] {
  const t = Math.max(-1, Math.min(1, v));
  const end = t < 0 ? c.negative : c.positive;
  const a = Math.abs(t);
  return [0, 1, 2].map((i) => Math.round(c.zero[i]! + (end[i]! - c.zero[i]!) * a)) as [number, number, number];
}

function frameTexture(clip: Float32Array, t: number): THREE.DataTexture {
  const S = CLIP.size;
  const data = new Uint8Array(S * S * 4);
  for (let y = 0; y < S; y++)
    for (let x = 0; x < S; x++) {
      // DataTexture rows run bottom-up; clip rows run top-down.
      const dst = ((S - 1 - y) * S + x) * 4;
      const src = ((t * S + y) * S + x) * CLIP.channels;
      for (let c = 0; c < 3; c++) data[dst + c] = Math.round(255 * clip[src + c]!);
      data[dst + 3] = 255;
    }
  const texture = new THREE.DataTexture(data, S, S, THREE.RGBAFormat);
  texture.magFilter = THREE.NearestFilter;
  texture.minFilter = THREE.NearestFilter;
  texture.colorSpace = THREE.SRGBColorSpace;
  texture.needsUpdate = true;
  return texture;
}

export class KernelScene {
  readonly canvas: HTMLCanvasElement;
  private readonly renderer: THREE.WebGLRenderer;
  private readonly scene = new THREE.Scene();
  private readonly camera = new THREE.PerspectiveCamera(22, 16 / 9, 1, 2000);
  private readonly clipGroup = new THREE.Group();
  private readonly outputGroup = new THREE.Group();
  private readonly kernelGroup = new THREE.Group();
  private readonly disposables: { dispose(): void }[] = [];
  private frameMaterials: THREE.MeshBasicMaterial[] = [];
  private clipKey = '';
  private outputKey = '';
  private outputTexture: THREE.DataTexture | undefined;
  private outputPlanes: THREE.Group = new THREE.Group();
  private last: SceneFrame | undefined;
  private readonly resize: ResizeObserver;

  constructor(private readonly host: HTMLElement) {
    this.canvas = document.createElement('canvas');
    this.renderer = new THREE.WebGLRenderer({ canvas: this.canvas, antialias: true, alpha: true });
    this.renderer.setPixelRatio(Math.min(2, window.devicePixelRatio || 1));
    this.scene.add(this.clipGroup, this.outputGroup, this.kernelGroup);
    this.outputGroup.add(this.outputPlanes);
    host.append(this.canvas);
    this.resize = new ResizeObserver(() => this.fit());
    this.resize.observe(host);
    this.fit();
  }

  update(frame: SceneFrame): void {
    this.last = frame;
    const { state } = frame;
    // Outlines take the theme's colour, so a theme switch rebuilds them too.
    const clipKey = `${state.seed}|${state.dir}|${frame.colours.muted}`;
    if (clipKey !== this.clipKey) {
      this.clipKey = clipKey;
      this.buildClip(frame.clip, frame.colours);
    }
    const window = inputWindow(state);
    this.frameMaterials.forEach((m, t) => {
      m.opacity = t >= window.t[0] && t <= window.t[1] ? 1 : 0.28;
    });
    this.buildOutput(frame);
    this.buildKernel(frame);
    this.placeCamera(frame.turn);
    this.render();
  }

  dispose(): void {
    this.resize.disconnect();
    this.clearGroup(this.clipGroup);
    this.clearGroup(this.outputPlanes);
    this.clearGroup(this.kernelGroup);
    this.outputTexture?.dispose();
    for (const d of this.disposables) d.dispose();
    this.renderer.dispose();
    this.canvas.remove();
  }

  private fit(): void {
    const width = Math.max(200, this.host.clientWidth);
    const height = Math.round(Math.min(380, Math.max(220, width * 0.5)));
    this.renderer.setSize(width, height, true);
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
    if (this.last) this.placeCamera(this.last.turn);
    this.render();
  }

  private render(): void {
    this.renderer.render(this.scene, this.camera);
  }

  private clearGroup(group: THREE.Group): void {
    for (const child of [...group.children]) {
      group.remove(child);
      child.traverse((node) => {
        const mesh = node as THREE.Mesh;
        mesh.geometry?.dispose();
        const material = mesh.material as THREE.Material | THREE.Material[] | undefined;
        if (Array.isArray(material)) material.forEach((m) => m.dispose());
        else material?.dispose();
      });
    }
  }

  private outline(width: number, height: number, depth: number, colour: string, opacity = 1): THREE.LineSegments {
    const box = new THREE.BoxGeometry(width, height, depth);
    const edges = new THREE.EdgesGeometry(box);
    box.dispose();
    return new THREE.LineSegments(edges, new THREE.LineBasicMaterial({ color: colour, transparent: opacity < 1, opacity }));
  }

  /** One slab per frame, time running away from the viewer (−z). */
  private buildClip(clip: Float32Array, colours: SceneColours): void {
    this.clearGroup(this.clipGroup);
    const S = CLIP.size;
    this.frameMaterials = [];
    for (let t = 0; t < CLIP.frames; t++) {
      const texture = frameTexture(clip, t);
      const material = new THREE.MeshBasicMaterial({ map: texture, transparent: true, side: THREE.DoubleSide, depthWrite: false });
      // The material owns the texture from here on.
      const dispose = material.dispose.bind(material);
      material.dispose = () => {
        texture.dispose();
        dispose();
      };
      const plane = new THREE.Mesh(new THREE.PlaneGeometry(S, S), material);
      plane.position.z = -t * GAP;
      plane.renderOrder = CLIP.frames - t;
      const edge = this.outline(S, S, 0.01, colours.muted, 0.6);
      edge.position.z = -t * GAP;
      this.clipGroup.add(plane, edge);
      this.frameMaterials.push(material);
    }
  }

  /** The output volume: written cells coloured by value, the rest left empty, each slab outlined. */
  private buildOutput(frame: SceneFrame): void {
    const { state, output, colours } = frame;
    const S = CLIP.size;
    this.outputGroup.position.set(S + MARGIN, 0, 0);
    if (!output) {
      this.clearGroup(this.outputPlanes);
      this.outputKey = '';
      return;
    }
    const [ot, oh, ow] = output.shape;
    const key = `${ot}×${oh}×${ow}|${state.stride}|${colours.muted}`;
    const cell = state.stride;
    if (key !== this.outputKey) {
      this.outputKey = key;
      this.clearGroup(this.outputPlanes);
      this.outputTexture?.dispose();
      // All output slabs share one texture atlas: slab t is rows [t·oh, (t+1)·oh).
      this.outputTexture = new THREE.DataTexture(new Uint8Array(ow * oh * ot * 4), ow, oh * ot, THREE.RGBAFormat);
      this.outputTexture.magFilter = THREE.NearestFilter;
      this.outputTexture.minFilter = THREE.NearestFilter;
      this.outputTexture.colorSpace = THREE.SRGBColorSpace;
      for (let t = 0; t < ot; t++) {
        const geometry = new THREE.PlaneGeometry(ow * cell, oh * cell);
        // Map this plane onto its slab of the atlas (v runs bottom-up).
        const uv = geometry.getAttribute('uv') as THREE.BufferAttribute;
        for (let i = 0; i < uv.count; i++) uv.setY(i, (ot - 1 - t + uv.getY(i)) / ot);
        const material = new THREE.MeshBasicMaterial({ map: this.outputTexture, transparent: true, side: THREE.DoubleSide, depthWrite: false });
        const plane = new THREE.Mesh(geometry, material);
        plane.position.z = -t * GAP * state.stride;
        plane.renderOrder = ot - t;
        const edge = this.outline(ow * cell, oh * cell, 0.01, colours.muted, 0.6);
        edge.position.z = plane.position.z;
        this.outputPlanes.add(plane, edge);
      }
    }
    // Atlas rows run bottom-up: slab t's row y is atlas row (ot − 1 − t)·oh + (oh − 1 − y).
    const data = this.outputTexture!.image.data as Uint8Array;
    const current = stepIndex(state);
    for (let t = 0; t < ot; t++)
      for (let y = 0; y < oh; y++)
        for (let x = 0; x < ow; x++) {
          const index = (t * oh + y) * ow + x;
          const dst = (((ot - 1 - t) * oh + (oh - 1 - y)) * ow + x) * 4;
          if (index > current) {
            data[dst + 3] = 0;
            continue;
          }
          const [r, g, b] = divergingColour(output.values[index]! / output.scale, colours);
          data[dst] = r;
          data[dst + 1] = g;
          data[dst + 2] = b;
          data[dst + 3] = 255;
        }
    this.outputTexture!.needsUpdate = true;
  }

  /** The kernel box over its window, the lit output cell and a line joining them. */
  private buildKernel(frame: SceneFrame): void {
    const { state, colours, output } = frame;
    this.clearGroup(this.kernelGroup);
    const S = CLIP.size;
    const w = inputWindow(state);
    const width = w.x[1] - w.x[0] + 1;
    const height = w.y[1] - w.y[0] + 1;
    const depth = (w.t[1] - w.t[0]) * GAP + 1.2;
    const centre = new THREE.Vector3((w.x[0] + w.x[1] + 1) / 2 - S / 2, S / 2 - (w.y[0] + w.y[1] + 1) / 2, -((w.t[0] + w.t[1]) / 2) * GAP);
    const fill = new THREE.Mesh(
      new THREE.BoxGeometry(width, height, depth),
      new THREE.MeshBasicMaterial({ color: colours.accent, transparent: true, opacity: 0.18, depthWrite: false }),
    );
    const edges = this.outline(width, height, depth, colours.accent);
    fill.position.copy(centre);
    edges.position.copy(centre);
    fill.renderOrder = 100;
    edges.renderOrder = 101;
    this.kernelGroup.add(fill, edges);

    const cell = state.stride;
    const [oh, ow] = output ? [output.shape[1], output.shape[2]] : [0, 0];
    const target = new THREE.Vector3(
      S + MARGIN + (state.x + 0.5) * cell - (ow * cell) / 2,
      (oh * cell) / 2 - (state.y + 0.5) * cell,
      -state.t * GAP * state.stride,
    );
    if (output) {
      const lit = this.outline(cell, cell, 1.2, colours.accent);
      lit.position.copy(target);
      lit.renderOrder = 102;
      const link = new THREE.BufferGeometry().setFromPoints([centre, target]);
      const line = new THREE.Line(link, new THREE.LineDashedMaterial({ color: colours.accent, dashSize: 1, gapSize: 0.6 }));
      line.computeLineDistances();
      this.kernelGroup.add(lit, line);
    }
  }

  /** Looks at both volumes from the front, above and to the left, turned by `turn` degrees. */
  private placeCamera(turn: number): void {
    const S = CLIP.size;
    const depth = (CLIP.frames - 1) * GAP;
    const centre = new THREE.Vector3((S + MARGIN) / 2, -S * 0.22, -depth / 2);
    const angle = THREE.MathUtils.degToRad(-35 + turn);
    // Both volumes seen from this side span about their width plus the depth of the stack.
    const span = 2 * S + MARGIN + depth * 0.6;
    const tan = Math.tan(THREE.MathUtils.degToRad(this.camera.fov / 2));
    const distance = Math.max(span / (2 * tan * this.camera.aspect), (S * 2.2) / (2 * tan)) * 0.9;
    this.camera.position.set(centre.x + Math.sin(angle) * distance, centre.y + distance * 0.32, centre.z + Math.cos(angle) * distance);
    this.camera.lookAt(centre);
  }
}
