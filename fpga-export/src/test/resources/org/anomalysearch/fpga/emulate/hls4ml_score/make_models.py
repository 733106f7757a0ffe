"""Writes the models and inputs of this folder (numpy + onnx only).

usage: /usr/bin/python3 make_models.py OUTDIR

- ae_score.onnx:  autoencoder 10-16-8-3-8-16-10 (ReLU hidden, linear code and output), then the score tail
                  score = sum_j (z_j - recon_j)^2; seed 1901
- vae_score.onnx: VAE encoder to mu 10-16-8-3 (ReLU hidden, linear mu), then score = sum_k mu_k^2; seed 1902
- inputs.csv:     2000 x 10 float32 rows (the standardised z the networks take), drawn from the seed-1903
                  generator: 1700 rows from N(0, 1), then 300 rows from N(0, 3) (wide outliers)

Each dense layer is MatMul(<name>_matmul_W) + Add(<name>_add_b) with W ~ 1.5 * N(0, 1/sqrt(n_in)) of shape
(n_in, n_out) and b ~ N(0, 0.3), float32, drawn in this order layer by layer from numpy's default_rng(seed).
The score tail (the graph anomaly-search's 'fpga export' writes for a trigger model):
  AE:  Sub(z, recon) 'score_sub' -> Mul(v, v) 'score_square' -> MatMul(v2, ones[10, 1]) 'score_sum_matmul'
  VAE:                              Mul(mu, mu) 'score_square' -> MatMul(v2, ones[3, 1]) 'score_sum_matmul'
with no Add after the last MatMul. Plain ONNX opset 13, initializers also listed as graph inputs, shapes from
onnx.shape_inference.infer_shapes, symbolic batch dimension 'N'.
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper, shape_inference

N_IN = 10


def dense_chain(rng, prefix, sizes, prev, nodes, inits):
    for i in range(len(sizes) - 1):
        name = f'{prefix}{i}'
        W = (rng.normal(0, 1.0 / np.sqrt(sizes[i]), (sizes[i], sizes[i + 1])) * 1.5).astype(np.float32)
        b = rng.normal(0, 0.3, sizes[i + 1]).astype(np.float32)
        inits += [numpy_helper.from_array(W, f'{name}_matmul_W'), numpy_helper.from_array(b, f'{name}_add_b')]
        nodes.append(helper.make_node('MatMul', [prev, f'{name}_matmul_W'], [f'{name}_matmul_out'],
                                      name=f'{name}_matmul'))
        nodes.append(helper.make_node('Add', [f'{name}_matmul_out', f'{name}_add_b'], [f'{name}_add_out'],
                                      name=f'{name}_add'))
        prev = f'{name}_add_out'
        if i < len(sizes) - 2:
            nodes.append(helper.make_node('Relu', [prev], [f'{name}_relu_out'], name=f'{name}_relu'))
            prev = f'{name}_relu_out'
    return prev


def score_tail(v, k, nodes, inits):
    nodes.append(helper.make_node('Mul', [v, v], ['score_square_out'], name='score_square'))
    inits.append(numpy_helper.from_array(np.ones((k, 1), np.float32), 'score_sum_matmul_W'))
    nodes.append(helper.make_node('MatMul', ['score_square_out', 'score_sum_matmul_W'], ['score'],
                                  name='score_sum_matmul'))


def finish(nodes, inits, name):
    inputs = [helper.make_tensor_value_info('z', TensorProto.FLOAT, ['N', N_IN])]
    inputs += [helper.make_tensor_value_info(t.name, TensorProto.FLOAT, list(t.dims)) for t in inits]
    outputs = [helper.make_tensor_value_info('score', TensorProto.FLOAT, ['N', 1])]
    g = helper.make_graph(nodes, name, inputs, outputs, initializer=inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid('', 13)])
    m = shape_inference.infer_shapes(m)
    onnx.checker.check_model(m)
    return m


def ae(rng):
    nodes, inits = [], []
    code = dense_chain(rng, 'enc', [N_IN, 16, 8, 3], 'z', nodes, inits)
    recon = dense_chain(rng, 'dec', [3, 8, 16, N_IN], code, nodes, inits)
    nodes.append(helper.make_node('Sub', ['z', recon], ['score_sub_out'], name='score_sub'))
    score_tail('score_sub_out', N_IN, nodes, inits)
    return finish(nodes, inits, 'trigger_ae_score')


def vae(rng):
    nodes, inits = [], []
    mu = dense_chain(rng, 'enc', [N_IN, 16, 8, 3], 'z', nodes, inits)
    score_tail(mu, 3, nodes, inits)
    return finish(nodes, inits, 'trigger_vae_score')


def main(out):
    os.makedirs(out, exist_ok=True)
    onnx.save(ae(np.random.default_rng(1901)), os.path.join(out, 'ae_score.onnx'))
    onnx.save(vae(np.random.default_rng(1902)), os.path.join(out, 'vae_score.onnx'))
    rng = np.random.default_rng(1903)
    X = np.concatenate([rng.normal(0, 1, (1700, N_IN)), rng.normal(0, 3, (300, N_IN))]).astype(np.float32)
    np.savetxt(os.path.join(out, 'inputs.csv'), X, delimiter=',', fmt='%.9g')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '.')
