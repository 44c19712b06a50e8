// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { chapters } from './src/content/chapters.mjs';

// KaTeX runs at build time only (rehype-katex); its CSS and fonts are bundled
// from node_modules and served by the site itself.
export default defineConfig({
  site: 'http://localhost:4321',
  markdown: {
    processor: unified({ remarkPlugins: [remarkMath], rehypePlugins: [rehypeKatex] }),
  },
  integrations: [
    starlight({
      title: 'Video Deep Learning, Live',
      description:
        'An explorable textbook on deep learning for video: 3-D convolutions, two-stream networks, I3D, SlowFast, TSM, video transformers — every figure computed live in your browser.',
      customCss: ['katex/dist/katex.min.css', './src/styles/book.css'],
      sidebar: [
        { label: 'Start here', items: [{ label: 'Contents', link: '/' }, { label: 'Check your browser', link: '/system-check/' }, { label: 'Trained models', link: '/models/' }] },
        { label: 'Chapters', items: chapters.map((c) => ({ label: `${c.number}. ${c.title}`, link: `/chapters/${c.slug}/` })) },
      ],
      lastUpdated: false,
      pagination: true,
    }),
  ],
});
