// The book's chapters in reading order. Slugs are the stable URLs
// (/chapters/<slug>/); never rename one without a redirect.
/** @type {{number:number, slug:string, title:string, summary:string}[]} */
export const chapters = [
  { number: 1, slug: 'images-to-video', title: 'From images to video', summary: 'A clip is a 4-D tensor, video is huge, and a single frame is a strong but blind baseline.' },
  { number: 2, slug: 'temporal-fusion', title: 'Temporal fusion: when to combine frames', summary: 'Single-frame, late, early and slow fusion, and how receptive fields grow in time.' },
  { number: 3, slug: 'two-stream', title: 'Two-stream networks and optical flow', summary: 'Optical flow as an explicit motion signal, a spatial and a temporal stream, and long-term models.' },
  { number: 4, slug: '3d-convolution', title: '3-D convolution and C3D', summary: 'Kernels that slide over time, temporal shift invariance, and what 3-D convolution costs.' },
  { number: 5, slug: 'inflation-i3d', title: 'Inflating 2-D networks: I3D', summary: 'Turning an ImageNet network into a video network, and why a static clip gives the same answer.' },
  { number: 6, slug: 'factorised-convolutions', title: 'Factorised and mixed convolutions', summary: '(2+1)-D blocks, mixed convolutions, S3D and X3D: spending a budget of parameters and operations well.' },
  { number: 7, slug: 'slowfast', title: 'SlowFast: two frame rates', summary: 'A slow pathway for appearance, a fast and thin pathway for motion, and lateral connections.' },
  { number: 8, slug: 'efficient-models', title: 'Efficient video models', summary: 'Temporal shift at zero cost, segment sampling, streaming causal models and the cost–accuracy landscape.' },
  { number: 9, slug: 'video-transformers', title: 'Video transformers', summary: 'Tubelet tokens, the quadratic cost of attention, divided and factorised attention, and masked pre-training.' },
  { number: 10, slug: 'beyond-classification', title: 'Beyond clip classification', summary: 'Temporal detection, skeletons and graph convolutions, audio-visual and video–language models.' },
  { number: 11, slug: 'training-and-data', title: 'Training and data', summary: 'How clips are sampled, the datasets of the field and what training on them costs.' },
  { number: 12, slug: 'architecture-comparison', title: 'Architecture comparison and history', summary: 'The whole catalogue side by side: ideas, costs and accuracies from 2014 to today.' },
];
