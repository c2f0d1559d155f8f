/** build-images.sh builds, up front, exactly the images the bundled target files name. */
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REFERENCE_TARGETS_DIR, REPO_ROOT } from '../paths.ts';
import { loadTarget } from '../suite/load-target.ts';

describe('harness/engine/build-images.sh', function () {
  it('lists every image a bundled container target uses, with the same context and Dockerfile', function () {
    const script = readFileSync(join(REPO_ROOT, 'harness/engine/build-images.sh'), 'utf8');
    const listed = new Set([...script.matchAll(/^\s*"([^"|]+)\|([^"|]+)\|([^"|]+)"$/gm)].map((m) => `${m[1]}|${m[2]}|${m[3]}`));
    const used = new Set<string>();
    for (const f of readdirSync(REFERENCE_TARGETS_DIR).filter((x) => x.endsWith('.target.yaml'))) {
      const t = loadTarget(join(REFERENCE_TARGETS_DIR, f));
      if (t.kind !== 'container' || !t.image.build) continue;
      used.add(`${t.image.tag}|${relative(REPO_ROOT, t.image.build)}|${relative(REPO_ROOT, t.image.dockerfile!)}`);
    }
    expect([...used].sort()).to.deep.equal([...listed].sort());
  });
});
