"""Checks an anomaly-search FPGA export with the real tool (run by `fpga export --verify`).

usage: python3 verify_export.py hls4ml|conifer EXPORT_DIR

hls4ml: convert_from_config('hls4ml_config.yml') from EXPORT_DIR, compile() (C simulation), predict() on
tb_data/tb_input_features.dat (float32 values, passed as float64 so that outputs come back exactly) and compares
with tb_data/tb_output_predictions.dat row by row.
conifer: load_model('conifer_model.json') (its embedded config), compile(), decision_function() on the same inputs
read as float64, compared with tb_output_predictions.dat.
Prints one line: 'SKIPPED <why>' (exit 3) when the tool cannot be imported, else 'RESULT <equal rows> <rows>
<tool version> <largest difference>'.
"""
import os
import sys


def main():
    kind, d = sys.argv[1], os.path.abspath(sys.argv[2])
    try:
        import numpy as np
        if kind == 'hls4ml':
            import hls4ml as tool
        else:
            import conifer as tool
    except Exception as e:  # ImportError, or a broken installation
        print(f'SKIPPED {kind} is not importable by {sys.executable}: {e}')
        sys.exit(3)
    os.chdir(d)
    x = np.loadtxt('tb_data/tb_input_features.dat', ndmin=2)
    want = np.loadtxt('tb_data/tb_output_predictions.dat', ndmin=2)
    if kind == 'hls4ml':
        model = tool.converters.convert_from_config('hls4ml_config.yml')
        model.compile()
        y = model.predict(np.ascontiguousarray(x.astype(np.float32).astype(np.float64)))
    else:
        model = tool.model.load_model('conifer_model.json')
        model.compile()
        y = model.decision_function(x)
    y = np.asarray(y, dtype=np.float64).reshape(want.shape)
    equal = int(np.sum(np.all(y == want, axis=1)))
    diff = float(np.max(np.abs(y - want))) if y.size else 0.0
    print(f'RESULT {equal} {len(want)} {getattr(tool, "__version__", "unknown")} {diff!r}')


if __name__ == '__main__':
    main()
