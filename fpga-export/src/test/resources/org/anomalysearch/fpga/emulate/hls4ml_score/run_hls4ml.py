"""hls4ml C-simulation outputs for the models of make_models.py (needs hls4ml; not numpy-only).

usage: PYTHONPATH=/work/hls4ml-env/hls4ml:/work/hls4ml-env/site /usr/bin/python3 run_hls4ml.py DATA_DIR WORK_DIR [tag ...]
(the environment made by bench/hls4ml_from_source.sh; any hls4ml install of the same commit does)

For each model and precision set: config_from_onnx_model(model, granularity='model', backend='Vivado',
default_precision=P), then config['LayerName'] = the score layers' types (below; the ones of the summing
MatMul always get weight type ufixed<1,1>, which holds 1 exactly whatever P is), convert_from_onnx_model(model,
hls_config=config, backend='Vivado', io_type='io_parallel', output_dir=WORK_DIR/<name>), compile(),
predict(float32 inputs). Writes DATA_DIR/outputs_<model>_<tag>.csv ('%.17g', one row per line),
DATA_DIR/config_<tag>.json (the configurations as given, per model; hls4ml adds keys to them while
converting) and DATA_DIR/applied_types.txt (the types hls4ml resolved for every layer).
"""
import copy
import json
import os
import sys

import numpy as np
import onnx
import hls4ml

# tag: (model precision, score_sub result, score_square result, score_sum_matmul accum, score_sum_matmul result);
# None: no override (the model precision)
PRECISIONS = {
    'fixed16_6': ('fixed<16,6>', 'fixed<16,6>', 'fixed<24,12>', 'fixed<28,14>', 'fixed<28,14>'),
    'fixed8_3': ('fixed<8,3>', 'fixed<10,5>', 'fixed<14,9>', 'fixed<16,11>', 'ufixed<12,10>'),
    'fixed10_3_RND_SAT': ('fixed<10,3,RND,SAT>', 'fixed<10,4,RND,SAT>', 'ufixed<10,6,RND,SAT>',
                          'fixed<14,8,RND,SAT>', 'ufixed<10,8,RND,SAT>'),
    'fixed12_4_model': ('fixed<12,4>', None, None, None, None),
}
MODELS = [('ae_score.onnx', 'outputs_ae'), ('vae_score.onnx', 'outputs_vae')]


def config(m, tag):
    p, sub, square, accum, result = PRECISIONS[tag]
    cfg = hls4ml.utils.config.config_from_onnx_model(m, granularity='model', backend='Vivado', default_precision=p)
    names = {n.name for n in m.graph.node}
    layers = {}
    if 'score_sub' in names and sub:
        layers['score_sub'] = {'Precision': {'result': sub}}
    if square:
        layers['score_square'] = {'Precision': {'result': square}}
    summing = {'weight': 'ufixed<1,1>'}
    if accum:
        summing['accum'] = accum
    if result:
        summing['result'] = result
    layers['score_sum_matmul'] = {'Precision': summing}
    cfg['LayerName'] = layers
    return cfg


def main():
    data, work = sys.argv[1], sys.argv[2]
    only = set(sys.argv[3:])
    X = np.loadtxt(os.path.join(data, 'inputs.csv'), delimiter=',', ndmin=2).astype(np.float32)
    with open(os.path.join(data, 'applied_types.txt'), 'w') as types_log:
        for tag in PRECISIONS:
            if only and tag not in only:
                continue
            configs = {}
            for model_file, prefix in MODELS:
                m = onnx.load(os.path.join(data, model_file))
                cfg = config(m, tag)
                configs[model_file] = copy.deepcopy(cfg)  # as given: conversion adds keys to cfg
                hm = hls4ml.converters.convert_from_onnx_model(
                    m, hls_config=cfg, output_dir=os.path.join(work, f'{prefix}_{tag}'), backend='Vivado',
                    io_type='io_parallel')
                hm.compile()
                y = hm.predict(np.ascontiguousarray(X)).reshape(len(X), -1)
                np.savetxt(os.path.join(data, f'{prefix}_{tag}.csv'), y, delimiter=',', fmt='%.17g')
                types_log.write(f'## {model_file} at {tag}\n')
                for layer in hm.get_layers():
                    ts = {k: str(v.precision) for k, v in layer.types.items()}
                    types_log.write(f'{layer.name} ({layer.class_name}): {ts}\n')
                types_log.write('\n')
                types_log.flush()
                print('done', model_file, tag, y[:3].ravel(), flush=True)
            with open(os.path.join(data, f'config_{tag}.json'), 'w') as f:
                json.dump(configs, f, indent=1, default=str)


if __name__ == '__main__':
    main()
