#!/usr/bin/env node
// TypeScript run through tsx's loader, like the scheduler's `prospector`: no build step.
import { register } from 'tsx/esm/api';
register();
await import('../src/worker.bin.ts');
