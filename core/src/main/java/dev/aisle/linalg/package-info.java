/**
 * Float kernels the models share: dot products and {@code axpy} ({@link
 * dev.aisle.linalg.VectorMath}), a blocked, multi-threaded SIMD matrix multiply ({@link
 * dev.aisle.linalg.Gemm}, after Goto and van de Geijn), sparse matrices in compressed sparse row
 * form and the randomized truncated SVD of Halko, Martinsson and Tropp. The SIMD paths use the
 * incubating Vector API when the JVM runs with {@code --add-modules jdk.incubator.vector} (the
 * launcher and the tests do), and plain loops otherwise.
 *
 * <p>Why a kernel of our own rather than a BLAS binding: the maintained Java binding
 * (dev.ludovic.netlib) calls a native BLAS when the machine has one and otherwise falls back to
 * pure-Java loops that are an order of magnitude slower than this blocked SIMD kernel; Aisle
 * must be fast on a bare JVM.
 */
package dev.aisle.linalg;
