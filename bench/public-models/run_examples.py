#!/usr/bin/env python3
"""Runs `verify check` on the models of a tlaplus/Examples checkout whose manifests record TLC's result
(exhaustive search, TLC's recorded time at most --max-runtime) and compares exit code, distinct states,
states generated and depth with what TLC recorded.

usage: run_examples.py EXAMPLES_DIR VERIFY_DLL OUT.json [--max-runtime 00:00:30] [--timeout 90]
                       [--filter SUBSTR] [--extra "-lncheck final -cleanup"] [--lib DIR]

Nothing of the Examples repository is part of this project: clone it anywhere and point this at it.
The manifests were recorded with TLC's -workers auto: a depth off by one or two while the counts agree
is most likely a multi-worker artifact of TLC (the kit, run with 1 worker, is the authority on depth).
"""
import argparse, glob, json, os, re, subprocess, time

ap = argparse.ArgumentParser()
ap.add_argument('examples'); ap.add_argument('dll'); ap.add_argument('out')
ap.add_argument('--max-runtime', default='00:00:30'); ap.add_argument('--timeout', type=int, default=90)
ap.add_argument('--filter', default=''); ap.add_argument('--extra', default='-lncheck final -cleanup')
ap.add_argument('--lib', default=None)
a = ap.parse_args()
root = os.path.abspath(a.examples)
ignore_file = os.path.join(root, '.ciignore')
ignored = [l.strip() for l in open(ignore_file) if l.strip() and not l.startswith('#')] if os.path.exists(ignore_file) else []
exit_codes = {'success': 0, 'assumption failure': 10, 'deadlock failure': 11, 'safety failure': 12, 'liveness failure': 13}

models = []
for manifest in sorted(glob.glob(os.path.join(root, 'specifications', '*', 'manifest.json'))):
    for module in json.load(open(manifest))['modules']:
        for model in module['models']:
            if model.get('mode') != 'exhaustive search' or model['runtime'] > a.max_runtime: continue
            if any(module['path'].startswith(i) for i in ignored): continue
            if a.filter and a.filter not in model['path']: continue
            models.append((module['path'], model))

results = []
for module, model in models:
    # As the Examples' CI runs TLC: from the repository's root (specs that read files name them from there).
    args = ['dotnet', a.dll, 'check', module, '-config', model['path'], '-workers', '1'] + a.extra.split()
    if a.lib: args += ['-lib', a.lib]
    started = time.time()
    try:
        run = subprocess.run(args, cwd=root, capture_output=True, text=True, timeout=a.timeout)
        out, code = run.stdout + run.stderr, run.returncode
    except subprocess.TimeoutExpired:
        out, code = '', 'timeout'
    counts = re.findall(r'([\d,]+) states generated, ([\d,]+) distinct states found', out)
    depths = re.findall(r'depth of the complete state graph search is (\d+)', out)
    generated = int(counts[-1][0].replace(',', '')) if counts else None
    distinct = int(counts[-1][1].replace(',', '')) if counts else None
    depth = int(depths[-1]) if depths else None
    expected = exit_codes.get(model['result'])
    figures_agree = all(model.get(k) is None or model.get(k) == v
                        for k, v in (('distinctStates', distinct), ('totalStates', generated)))
    depth_agrees = model.get('stateDepth') is None or model.get('stateDepth') == depth
    ok = code == expected and figures_agree and depth_agrees
    # The worst kind: no error reported, but a different verdict or different counts.
    silent = not ok and code in (0, 10, 11, 12, 13) and not (code == expected and figures_agree)
    errors = [l for l in out.splitlines() if l.startswith(('error', 'Error'))]
    results.append(dict(model=model['path'], ok=ok, silent=silent, depth_only=(code == expected and figures_agree and not depth_agrees),
                        code=code, expected=expected, distinct=[distinct, model.get('distinctStates')],
                        generated=[generated, model.get('totalStates')], depth=[depth, model.get('stateDepth')],
                        seconds=round(time.time() - started, 1), error=(errors[0] if errors else '')[:300]))
    r = results[-1]
    print(('OK     ' if ok else 'SILENT ' if silent else 'DEPTH  ' if r['depth_only'] else 'ERROR  ') + r['model'],
          code, expected, r['distinct'], r['generated'], r['depth'], r['seconds'], r['error'][:160], flush=True)
json.dump(results, open(a.out, 'w'), indent=1)
agree = sum(r['ok'] for r in results)
print(f"{agree} of {len(results)} agree; {sum(r['silent'] for r in results)} silent differences; "
      f"{sum(r['depth_only'] for r in results)} differ only in depth; {sum(not r['ok'] and not r['silent'] and not r['depth_only'] for r in results)} errors or time-outs")
