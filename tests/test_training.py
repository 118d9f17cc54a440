"""Tests of training in companion.learning (train, minibatches, predict_proba,
accuracy) and of the decision-boundary figure in companion.plotting.learning.

The properties the page on training states: a small step lowers the loss at
every step; runs are deterministic to the last bit; minibatch SGD with one
batch of every example is gradient descent; the minibatch gradients of one
epoch average to the full gradient; a step far too large is reported as
diverged with the step, never as a NaN loss. And every failure path.
"""

from __future__ import annotations

import numpy as np
import pytest

from companion import learning
from companion.learning import (DIVERGENCE_FACTOR, Network, TrainingRun, accuracy, backward, forward,
                                init_network, make_moons, minibatches, predict_proba, train)


@pytest.fixture(scope="module")
def problem():
    X, labels = make_moons(40, np.random.default_rng(0), noise=0.25)
    network = init_network([2, 6, 6, 2], np.random.default_rng(1))
    return network, X, labels


def test_small_step_lowers_the_loss_at_every_step(problem):
    network, X, labels = problem
    run = train(network, X, labels, step=0.2, steps=200)
    assert isinstance(run, TrainingRun) and not run.diverged and run.diverged_at is None
    assert run.steps_taken == 200 and run.losses.shape == (201,) and run.batch_losses.shape == (200,)
    assert np.all(np.diff(run.losses) < 0)
    assert run.final_loss < 0.5 * run.losses[0]
    assert run.reason == "completed 200 steps"
    # gradient descent: the batch is the whole set, so the batch losses are the losses before each step
    assert np.array_equal(run.batch_losses, run.losses[:-1])
    assert run.accuracy == accuracy(run.network, X, labels) and run.accuracy > 0.8


def test_the_steps_are_gradient_descent_steps(problem):
    network, X, labels = problem
    run = train(network, X, labels, step=0.2, steps=3, record_every=1)
    theta = network.vector()
    for k in range(3):
        current = network.from_vector(theta)
        assert np.array_equal(run.snapshots[k][1].vector(), theta)
        assert run.losses[k] == forward(current, X, labels).loss.loss
        theta = theta - 0.2 * backward(forward(current, X, labels)).vector()
    assert np.array_equal(run.network.vector(), theta)
    # train builds its networks without re-checking them; they are still frozen and own their arrays
    parts = run.network.weights + run.network.biases
    assert all(not part.flags.writeable and part.flags.owndata for part in parts)
    assert run.network.sizes == network.sizes and run.network.activation == network.activation


def test_runs_are_byte_identical(problem):
    network, X, labels = problem
    for kwargs in ({}, {"batch_size": 8}):
        runs = [train(network, X, labels, step=0.3, steps=60, rng=np.random.default_rng(5), **kwargs)
                for _ in range(2)]
        assert runs[0].losses.tobytes() == runs[1].losses.tobytes()
        assert runs[0].batch_losses.tobytes() == runs[1].batch_losses.tobytes()
        assert runs[0].network.vector().tobytes() == runs[1].network.vector().tobytes()


def test_sgd_with_one_batch_of_everything_is_gradient_descent(problem):
    network, X, labels = problem
    full = train(network, X, labels, step=0.3, steps=40)
    sgd = train(network, X, labels, step=0.3, steps=40, batch_size=len(labels), rng=np.random.default_rng(7))
    assert np.array_equal(full.losses, sgd.losses)
    assert np.array_equal(full.network.vector(), sgd.network.vector())


def test_sgd_uses_the_seeded_minibatches(problem):
    network, X, labels = problem
    run = train(network, X, labels, step=0.3, steps=7, batch_size=10, rng=np.random.default_rng(3))
    rng = np.random.default_rng(3)
    batches = minibatches(40, 10, rng) + minibatches(40, 10, rng)   # two epochs, a fresh shuffle each
    current = network
    for k in range(7):
        rows = batches[k]
        cache = forward(current, X[rows], labels[rows])
        assert run.batch_losses[k] == cache.loss.loss
        current = current.from_vector(current.vector() - 0.3 * backward(cache).vector())
    assert np.array_equal(run.network.vector(), current.vector())


def test_minibatch_gradients_of_an_epoch_average_to_the_full_gradient(problem):
    network, X, labels = problem
    full = backward(forward(network, X, labels)).vector()
    batches = minibatches(40, 8, np.random.default_rng(11))
    assert len(batches) == 5 and all(len(rows) == 8 for rows in batches)
    mean = np.mean([backward(forward(network, X[rows], labels[rows])).vector() for rows in batches], axis=0)
    assert np.allclose(mean, full, rtol=1e-12, atol=1e-15)
    assert not np.allclose(backward(forward(network, X[batches[0]], labels[batches[0]])).vector(), full,
                           rtol=1e-3, atol=0)   # one batch alone is not the full gradient


def test_minibatches_partition_the_set():
    batches = minibatches(23, 5, np.random.default_rng(0))
    assert [len(rows) for rows in batches] == [5, 5, 5, 5, 3]
    assert np.array_equal(np.sort(np.concatenate(batches)), np.arange(23))
    assert all(np.array_equal(rows, np.sort(rows)) for rows in batches)
    assert np.array_equal(minibatches(6, 6, np.random.default_rng(0))[0], np.arange(6))


def test_a_step_far_too_large_is_reported_as_diverged(problem):
    network, X, labels = problem
    run = train(network, X, labels, step=30.0, steps=100)
    assert run.diverged and run.diverged_at is not None and run.diverged_at <= 10
    assert run.steps_taken == run.diverged_at - 1 and run.losses.shape == (run.diverged_at,)
    assert run.reason.startswith(f"diverged at step {run.diverged_at}: the loss ")
    assert f"exceeds {DIVERGENCE_FACTOR:g} times the first loss" in run.reason
    assert np.all(np.isfinite(run.losses)) and np.all(np.isfinite(run.network.vector()))
    assert np.all(run.losses <= DIVERGENCE_FACTOR * run.losses[0])
    assert run.snapshots[-1] == (run.steps_taken, run.network)


def test_a_loss_that_overflows_is_reported_not_returned(problem):
    network, X, labels = problem
    run = train(network, X, labels, step=1.7e308, steps=5, divergence_factor=1e300)
    assert run.diverged and run.diverged_at == 1 and run.reason == "diverged at step 1: the loss is not finite"
    assert run.losses.tolist() == [forward(network, X, labels).loss.loss]
    assert run.network is network


def test_overflowing_parameters_and_logits_are_reported(problem, monkeypatch):
    network, X, labels = problem
    real_backward, real_forward = learning.backward, learning._forward   # train's unchecked forward pass

    def huge_gradient(cache):
        grads = real_backward(cache)
        return learning.Gradients(weights=tuple(1e308 * W for W in grads.weights), biases=grads.biases)

    monkeypatch.setattr(learning, "backward", huge_gradient)
    with np.errstate(over="ignore"):
        run = train(network, X, labels, step=10.0, steps=5)
    assert run.diverged and run.reason == "diverged at step 1: a parameter overflowed"
    assert np.all(np.isfinite(run.network.vector()))
    monkeypatch.setattr(learning, "backward", real_backward)

    calls = []

    def overflowing_logits(net, A, y):
        calls.append(1)
        if len(calls) > 1:     # the starting loss is fine, the first step overflows
            raise ValueError("logits must be finite")
        return real_forward(net, A, y)

    monkeypatch.setattr(learning, "_forward", overflowing_logits)
    run = train(network, X, labels, step=0.1, steps=5)
    assert run.diverged and run.reason == "diverged at step 1: the logits overflowed"


@pytest.mark.parametrize("kwargs, message", [
    ({"step": 0.0}, "step must be a positive finite number"),
    ({"step": -0.1}, "step must be a positive finite number"),
    ({"step": float("nan")}, "step must be a positive finite number"),
    ({"step": float("inf")}, "step must be a positive finite number"),
    ({"step": True}, "step must be a positive finite number"),
    ({"steps": 0}, "steps must be a positive integer"),
    ({"steps": 10.0}, "steps must be a positive integer"),
    ({"record_every": 0}, "record_every must be a positive integer"),
    ({"batch_size": 0, "rng": np.random.default_rng(0)}, "batch_size must be an integer from 1"),
    ({"batch_size": 41, "rng": np.random.default_rng(0)}, "batch_size must be an integer from 1"),
    ({"batch_size": 4.0, "rng": np.random.default_rng(0)}, "batch_size must be an integer from 1"),
    ({"divergence_factor": 1.0}, "divergence_factor must be a finite number above 1"),
])
def test_bad_arguments_are_named(problem, kwargs, message):
    network, X, labels = problem
    arguments = {"step": 0.1, "steps": 5, **kwargs}
    with pytest.raises(ValueError, match=message):
        train(network, X, labels, **arguments)


def test_bad_network_data_and_rng_are_named(problem):
    network, X, labels = problem
    with pytest.raises(TypeError, match="network must be a Network"):
        train(network.vector(), X, labels, step=0.1, steps=5)
    with pytest.raises(TypeError, match="rng must be a numpy.random.Generator"):
        train(network, X, labels, step=0.1, steps=5, batch_size=4)
    with pytest.raises(ValueError, match="labels must have shape"):
        train(network, X, labels[:-1], step=0.1, steps=5)
    with pytest.raises(ValueError, match="labels must lie in 0 to 1"):
        train(network, X, labels + 1, step=0.1, steps=5)
    with pytest.raises(ValueError, match="X must have 2 columns"):
        train(network, np.hstack([X, X]), labels, step=0.1, steps=5)
    with pytest.raises(ValueError, match="X must be finite"):
        train(network, np.full_like(X, np.nan), labels, step=0.1, steps=5)
    with pytest.raises(ValueError, match="m must be a positive integer"):
        minibatches(0, 1, np.random.default_rng(0))
    with pytest.raises(ValueError, match="batch_size must be an integer from 1 to the number of examples"):
        minibatches(5, 6, np.random.default_rng(0))
    with pytest.raises(TypeError, match="rng must be a numpy.random.Generator"):
        minibatches(5, 2, 0)


def test_predict_proba_and_accuracy(problem):
    network, X, labels = problem
    P = predict_proba(network, X)
    assert np.allclose(P, forward(network, X, labels).loss.probabilities, rtol=0, atol=1e-15)
    assert np.allclose(P.sum(axis=1), 1.0, rtol=0, atol=1e-15)
    assert accuracy(network, X, labels) == np.mean(P.argmax(axis=1) == labels)
    with pytest.raises(TypeError, match="network must be a Network"):
        predict_proba("net", X)
    with pytest.raises(ValueError, match="X must be a matrix with 2 columns"):
        predict_proba(network, X[:, :1])
    with pytest.raises(ValueError, match="labels must lie in 0 to 1"):
        accuracy(network, X, labels + 2)


# --- the decision-boundary figure --------------------------------------------------------------------------

pytest.importorskip("plotly")

from companion.plotting.learning import BOUNDARY_MAX_FRAMES, decision_boundary_figure  # noqa: E402
from validated import validated  # noqa: E402

validated_boundary = validated(decision_boundary_figure)


def test_boundary_frames_show_the_recorded_networks(problem):
    network, X, labels = problem
    run = train(network, X, labels, step=0.3, steps=100, record_every=25)
    fig = validated_boundary(run.snapshots, X, labels, (-1.5, 2.5), (-1.2, 1.6), grid=21)
    assert [frame.name for frame in fig.frames] == ["0", "25", "50", "75", "100"]
    xs, ys = np.linspace(-1.5, 2.5, 21), np.linspace(-1.2, 1.6, 21)
    GX, GY = np.meshgrid(xs, ys)
    for frame, (step, net) in zip(fig.frames, run.snapshots):
        expected = predict_proba(net, np.column_stack([GX.ravel(), GY.ravel()]))[:, 1].reshape(21, 21)
        assert np.array_equal(np.array(frame.data[0].z), expected)
        share = accuracy(net, X, labels)
        assert frame.layout.title.text == f"after {step} steps: {100 * share:.0f}% of the training points right"
    assert np.array_equal(np.array(fig.data[0].z), np.array(fig.frames[0].data[0].z))
    # the points of each class, and a slider with Play
    assert len(fig.data[1].x) + len(fig.data[2].x) == len(labels)
    assert np.array_equal(fig.data[2].x, X[labels == 1, 0])
    assert fig.layout.updatemenus[0].buttons[0].label == "Play"
    assert fig.layout.yaxis.scaleanchor == "x"


def test_boundary_figure_refuses_bad_input(problem):
    network, X, labels = problem
    pairs = [(k, network) for k in range(BOUNDARY_MAX_FRAMES + 1)]
    with pytest.raises(ValueError, match="snapshots must hold 1 to 12"):
        decision_boundary_figure(pairs, X, labels, (-1, 1), (-1, 1))
    with pytest.raises(ValueError, match="snapshots must hold 1 to 12"):
        decision_boundary_figure([], X, labels, (-1, 1), (-1, 1))
    with pytest.raises(ValueError, match="steps must increase"):
        decision_boundary_figure([(5, network), (5, network)], X, labels, (-1, 1), (-1, 1))
    with pytest.raises(ValueError, match=r"snapshots\[0\] must be a \(step, Network\) pair"):
        decision_boundary_figure([network], X, labels, (-1, 1), (-1, 1))
    three = init_network([2, 3, 3], np.random.default_rng(0))
    with pytest.raises(ValueError, match="2 inputs to 2 classes"):
        decision_boundary_figure([(0, three)], X, labels, (-1, 1), (-1, 1))
    with pytest.raises(ValueError, match="X must be finite points"):
        decision_boundary_figure([(0, network)], X[:, :1], labels, (-1, 1), (-1, 1))
    with pytest.raises(ValueError, match="labels must be 40 classes 0 or 1"):
        decision_boundary_figure([(0, network)], X, labels + 1, (-1, 1), (-1, 1))
    with pytest.raises(ValueError, match="xlim must be an increasing pair"):
        decision_boundary_figure([(0, network)], X, labels, (1, -1), (-1, 1))
    with pytest.raises(ValueError, match="grid"):
        decision_boundary_figure([(0, network)], X, labels, (-1, 1), (-1, 1), grid=200)
    assert isinstance(network, Network)
