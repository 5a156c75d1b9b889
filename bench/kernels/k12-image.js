'use strict';
// Typed-array image processing on a Float32Array: box blur, median filter + Sobel edges, separable Gaussian passes.
const WIDTH = 1024;
const HEIGHT = 1024;
const BOX_RADIUS = 3;
const GAUSS_PASSES = 12;
const SEED = 2718;

function mulberry32(a) {
  return function () {
    a |= 0; a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeImage(w, h, seed) {
  const rand = mulberry32(seed);
  const img = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = Math.sin(x * 0.02) * Math.cos(y * 0.03) * 0.5 + 0.5;
      img[y * w + x] = v * 0.8 + rand() * 0.2;
    }
  }
  return img;
}

function boxBlur(src, w, h, r) {
  const dst = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0, count = 0;
      for (let dy = -r; dy <= r; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= h) continue;
        const rowOff = yy * w;
        for (let dx = -r; dx <= r; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= w) continue;
          sum += src[rowOff + xx];
          count++;
        }
      }
      dst[y * w + x] = sum / count;
    }
  }
  let mean = 0;
  for (let i = 0; i < dst.length; i++) mean += dst[i];
  return mean / dst.length;
}

function median9(a) {
  // insertion sort of 9 values, return middle
  for (let i = 1; i < 9; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > v) { a[j + 1] = a[j]; j--; }
    a[j + 1] = v;
  }
  return a[4];
}

function medianThenSobel(img, w, h) {
  const src = new Float32Array(w * h);
  const win = new Float64Array(9);
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      let k = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) win[k++] = img[(y + dy) * w + x + dx];
      }
      src[y * w + x] = median9(win);
    }
  }
  const mag = new Float32Array(w * h);
  let strong = 0, maxMag = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const gx = -src[i - w - 1] - 2 * src[i - 1] - src[i + w - 1] + src[i - w + 1] + 2 * src[i + 1] + src[i + w + 1];
      const gy = -src[i - w - 1] - 2 * src[i - w] - src[i - w + 1] + src[i + w - 1] + 2 * src[i + w] + src[i + w + 1];
      const m = Math.sqrt(gx * gx + gy * gy);
      mag[i] = m;
      if (m > 0.5) strong++;
      if (m > maxMag) maxMag = m;
    }
  }
  return { strong, maxMag };
}

function gaussianPasses(src, w, h, passes) {
  const kernel = [0.06136, 0.24477, 0.38774, 0.24477, 0.06136];
  let cur = Float32Array.from(src);
  let tmp = new Float32Array(w * h);
  for (let p = 0; p < passes; p++) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let s = 0;
        for (let k = -2; k <= 2; k++) {
          let xx = x + k;
          if (xx < 0) xx = 0; else if (xx >= w) xx = w - 1;
          s += cur[y * w + xx] * kernel[k + 2];
        }
        tmp[y * w + x] = s;
      }
    }
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let s = 0;
        for (let k = -2; k <= 2; k++) {
          let yy = y + k;
          if (yy < 0) yy = 0; else if (yy >= h) yy = h - 1;
          s += tmp[yy * w + x] * kernel[k + 2];
        }
        cur[y * w + x] = s;
      }
    }
  }
  let variance = 0, mean = 0;
  for (let i = 0; i < cur.length; i++) mean += cur[i];
  mean /= cur.length;
  for (let i = 0; i < cur.length; i++) variance += (cur[i] - mean) * (cur[i] - mean);
  return { mean, variance: variance / cur.length };
}

const image = makeImage(WIDTH, HEIGHT, SEED);
const blurMean = boxBlur(image, WIDTH, HEIGHT, BOX_RADIUS);
const edges = medianThenSobel(image, WIDTH, HEIGHT);
const smooth = gaussianPasses(image, WIDTH, HEIGHT, GAUSS_PASSES);

console.log('box blur mean', blurMean.toFixed(6));
console.log('sobel strong edges', edges.strong, 'max magnitude', edges.maxMag.toFixed(6));
console.log('gaussian mean', smooth.mean.toFixed(6), 'variance', smooth.variance.toFixed(8));
