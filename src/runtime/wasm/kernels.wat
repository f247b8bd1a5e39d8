;; The runtime's numeric inner loops, in WebAssembly with 128-bit SIMD (two float64 lanes).
;; JavaScript runs these loops at about one element per 1.5 ns on the machines we measure; here
;; they run 3-5x faster, which is what keeps KMeans and LogisticRegression within 3x of
;; scikit-learn's BLAS. Compiled by scripts/build-wasm.mjs into kernels.ts (test/runtime/wasm
;; checks that the two agree). Callers in ../wasm/index.ts lay out the arrays.
;;
;; Conventions: every pointer is a byte offset into the exported memory; matrices are row-major
;; float64 (a row of p values is p * 8 bytes); labels are int32. Sums over a row run in pairs of
;; lanes, so they can differ from a plain left-to-right sum in the last bits.
(module
  (memory (export "memory") 1)

  ;; Squared distance between the p values at $a and the p values at $b.
  (func $sqdist (param $a i32) (param $b i32) (param $p i32) (result f64)
    (local $quadEnd i32) (local $acc0 v128) (local $acc1 v128) (local $t v128) (local $s f64) (local $d f64)
    (local.set $quadEnd (i32.add (local.get $a) (i32.shl (i32.and (local.get $p) (i32.const -4)) (i32.const 3))))
    (block $done
      (loop $quad
        (br_if $done (i32.ge_u (local.get $a) (local.get $quadEnd)))
        (local.set $t (f64x2.sub (v128.load (local.get $a)) (v128.load (local.get $b))))
        (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $t (f64x2.sub (v128.load offset=16 (local.get $a)) (v128.load offset=16 (local.get $b))))
        (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $a (i32.add (local.get $a) (i32.const 32)))
        (local.set $b (i32.add (local.get $b) (i32.const 32)))
        (br $quad)))
    (if (i32.and (local.get $p) (i32.const 2))
      (then
        (local.set $t (f64x2.sub (v128.load (local.get $a)) (v128.load (local.get $b))))
        (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))))
    (local.set $acc0 (f64x2.add (local.get $acc0) (local.get $acc1)))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $acc0)) (f64x2.extract_lane 1 (local.get $acc0))))
    (if (i32.and (local.get $p) (i32.const 1))
      (then
        (local.set $d (f64.sub (f64.load (local.get $a)) (f64.load (local.get $b))))
        (local.set $s (f64.add (local.get $s) (f64.mul (local.get $d) (local.get $d))))))
    (local.get $s))

  ;; out[0] = squared distance of $a to $b0, out[1] of $a to $b1, each summed in the order of
  ;; $sqdist (so the same bits), with each quad of $a loaded once for both: twice the independent
  ;; additions per loop, which is what bounds $sqdist on short rows.
  (func $sqdist2 (param $a i32) (param $b0 i32) (param $b1 i32) (param $p i32) (param $out i32)
    (local $quadEnd i32) (local $x0 v128) (local $x1 v128) (local $t v128)
    (local $acc00 v128) (local $acc01 v128) (local $acc10 v128) (local $acc11 v128)
    (local $s0 f64) (local $s1 f64) (local $xa f64) (local $d f64)
    (local.set $quadEnd (i32.add (local.get $a) (i32.shl (i32.and (local.get $p) (i32.const -4)) (i32.const 3))))
    (block $done
      (loop $quad
        (br_if $done (i32.ge_u (local.get $a) (local.get $quadEnd)))
        (local.set $x0 (v128.load (local.get $a)))
        (local.set $x1 (v128.load offset=16 (local.get $a)))
        (local.set $t (f64x2.sub (local.get $x0) (v128.load (local.get $b0))))
        (local.set $acc00 (f64x2.add (local.get $acc00) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $t (f64x2.sub (local.get $x1) (v128.load offset=16 (local.get $b0))))
        (local.set $acc01 (f64x2.add (local.get $acc01) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $t (f64x2.sub (local.get $x0) (v128.load (local.get $b1))))
        (local.set $acc10 (f64x2.add (local.get $acc10) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $t (f64x2.sub (local.get $x1) (v128.load offset=16 (local.get $b1))))
        (local.set $acc11 (f64x2.add (local.get $acc11) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $a (i32.add (local.get $a) (i32.const 32)))
        (local.set $b0 (i32.add (local.get $b0) (i32.const 32)))
        (local.set $b1 (i32.add (local.get $b1) (i32.const 32)))
        (br $quad)))
    (if (i32.and (local.get $p) (i32.const 2))
      (then
        (local.set $x0 (v128.load (local.get $a)))
        (local.set $t (f64x2.sub (local.get $x0) (v128.load (local.get $b0))))
        (local.set $acc00 (f64x2.add (local.get $acc00) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $t (f64x2.sub (local.get $x0) (v128.load (local.get $b1))))
        (local.set $acc10 (f64x2.add (local.get $acc10) (f64x2.mul (local.get $t) (local.get $t))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $b0 (i32.add (local.get $b0) (i32.const 16)))
        (local.set $b1 (i32.add (local.get $b1) (i32.const 16)))))
    (local.set $acc00 (f64x2.add (local.get $acc00) (local.get $acc01)))
    (local.set $acc10 (f64x2.add (local.get $acc10) (local.get $acc11)))
    (local.set $s0 (f64.add (f64x2.extract_lane 0 (local.get $acc00)) (f64x2.extract_lane 1 (local.get $acc00))))
    (local.set $s1 (f64.add (f64x2.extract_lane 0 (local.get $acc10)) (f64x2.extract_lane 1 (local.get $acc10))))
    (if (i32.and (local.get $p) (i32.const 1))
      (then
        (local.set $xa (f64.load (local.get $a)))
        (local.set $d (f64.sub (local.get $xa) (f64.load (local.get $b0))))
        (local.set $s0 (f64.add (local.get $s0) (f64.mul (local.get $d) (local.get $d))))
        (local.set $d (f64.sub (local.get $xa) (f64.load (local.get $b1))))
        (local.set $s1 (f64.add (local.get $s1) (f64.mul (local.get $d) (local.get $d))))))
    (f64.store (local.get $out) (local.get $s0))
    (f64.store offset=8 (local.get $out) (local.get $s1)))

  ;; Dot product of the p values at $a and the p values at $b.
  (func $dot (param $a i32) (param $b i32) (param $p i32) (result f64)
    (local $quadEnd i32) (local $acc0 v128) (local $acc1 v128) (local $s f64)
    (local.set $quadEnd (i32.add (local.get $a) (i32.shl (i32.and (local.get $p) (i32.const -4)) (i32.const 3))))
    (block $done
      (loop $quad
        (br_if $done (i32.ge_u (local.get $a) (local.get $quadEnd)))
        (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (v128.load (local.get $a)) (v128.load (local.get $b)))))
        (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (v128.load offset=16 (local.get $a)) (v128.load offset=16 (local.get $b)))))
        (local.set $a (i32.add (local.get $a) (i32.const 32)))
        (local.set $b (i32.add (local.get $b) (i32.const 32)))
        (br $quad)))
    (if (i32.and (local.get $p) (i32.const 2))
      (then
        (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (v128.load (local.get $a)) (v128.load (local.get $b)))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))))
    (local.set $acc0 (f64x2.add (local.get $acc0) (local.get $acc1)))
    (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $acc0)) (f64x2.extract_lane 1 (local.get $acc0))))
    (if (i32.and (local.get $p) (i32.const 1))
      (then (local.set $s (f64.add (local.get $s) (f64.mul (f64.load (local.get $a)) (f64.load (local.get $b)))))))
    (local.get $s))

  ;; dst[j] += s * src[j] for the p values at $dst and $src.
  (func $axpy (param $dst i32) (param $src i32) (param $s f64) (param $p i32)
    (local $pairEnd i32) (local $sv v128)
    (local.set $sv (f64x2.splat (local.get $s)))
    (local.set $pairEnd (i32.add (local.get $dst) (i32.shl (i32.and (local.get $p) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $dst) (local.get $pairEnd)))
        (v128.store (local.get $dst)
          (f64x2.add (v128.load (local.get $dst)) (f64x2.mul (local.get $sv) (v128.load (local.get $src)))))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (br $pair)))
    (if (i32.and (local.get $p) (i32.const 1))
      (then
        (f64.store (local.get $dst)
          (f64.add (f64.load (local.get $dst)) (f64.mul (local.get $s) (f64.load (local.get $src))))))))

  ;; out[0] = dot(a, b0), out[1] = dot(a, b1) over p values: each pair of a is loaded once for both.
  (func $dot2 (param $a i32) (param $b0 i32) (param $b1 i32) (param $p i32) (param $out i32)
    (local $pairEnd i32) (local $acc0 v128) (local $acc1 v128) (local $av v128) (local $s0 f64) (local $s1 f64) (local $x f64)
    (local.set $pairEnd (i32.add (local.get $a) (i32.shl (i32.and (local.get $p) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $a) (local.get $pairEnd)))
        (local.set $av (v128.load (local.get $a)))
        (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $av) (v128.load (local.get $b0)))))
        (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (local.get $av) (v128.load (local.get $b1)))))
        (local.set $a (i32.add (local.get $a) (i32.const 16)))
        (local.set $b0 (i32.add (local.get $b0) (i32.const 16)))
        (local.set $b1 (i32.add (local.get $b1) (i32.const 16)))
        (br $pair)))
    (local.set $s0 (f64.add (f64x2.extract_lane 0 (local.get $acc0)) (f64x2.extract_lane 1 (local.get $acc0))))
    (local.set $s1 (f64.add (f64x2.extract_lane 0 (local.get $acc1)) (f64x2.extract_lane 1 (local.get $acc1))))
    (if (i32.and (local.get $p) (i32.const 1))
      (then
        (local.set $x (f64.load (local.get $a)))
        (local.set $s0 (f64.add (local.get $s0) (f64.mul (local.get $x) (f64.load (local.get $b0)))))
        (local.set $s1 (f64.add (local.get $s1) (f64.mul (local.get $x) (f64.load (local.get $b1)))))))
    (f64.store (local.get $out) (local.get $s0))
    (f64.store offset=8 (local.get $out) (local.get $s1)))

  ;; dst[j] += s0 * src0[j] + s1 * src1[j] for p values: one load and store of dst for two rows.
  (func $axpy2 (param $dst i32) (param $src0 i32) (param $s0 f64) (param $src1 i32) (param $s1 f64) (param $p i32)
    (local $pairEnd i32) (local $v0 v128) (local $v1 v128)
    (local.set $v0 (f64x2.splat (local.get $s0)))
    (local.set $v1 (f64x2.splat (local.get $s1)))
    (local.set $pairEnd (i32.add (local.get $dst) (i32.shl (i32.and (local.get $p) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $dst) (local.get $pairEnd)))
        (v128.store (local.get $dst)
          (f64x2.add (v128.load (local.get $dst))
            (f64x2.add (f64x2.mul (local.get $v0) (v128.load (local.get $src0))) (f64x2.mul (local.get $v1) (v128.load (local.get $src1))))))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (local.set $src0 (i32.add (local.get $src0) (i32.const 16)))
        (local.set $src1 (i32.add (local.get $src1) (i32.const 16)))
        (br $pair)))
    (if (i32.and (local.get $p) (i32.const 1))
      (then
        (f64.store (local.get $dst)
          (f64.add (f64.load (local.get $dst))
            (f64.add (f64.mul (local.get $s0) (f64.load (local.get $src0))) (f64.mul (local.get $s1) (f64.load (local.get $src1)))))))))

  ;; out (n x k) = squared distance of each of the n rows of x (n x p) to each of the k rows of c.
  (func (export "squaredDistances") (param $x i32) (param $n i32) (param $p i32) (param $c i32) (param $k i32) (param $out i32)
    (local $rowEnd i32) (local $stride i32) (local $centre i32) (local $centresEnd i32)
    (local.set $stride (i32.shl (local.get $p) (i32.const 3)))
    (local.set $rowEnd (i32.add (local.get $x) (i32.mul (local.get $n) (local.get $stride))))
    (local.set $centresEnd (i32.add (local.get $c) (i32.mul (local.get $k) (local.get $stride))))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $x) (local.get $rowEnd)))
        (local.set $centre (local.get $c))
        ;; Centres two at a time, then the odd one.
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.ge_u (i32.add (local.get $centre) (local.get $stride)) (local.get $centresEnd)))
            (call $sqdist2 (local.get $x) (local.get $centre) (i32.add (local.get $centre) (local.get $stride)) (local.get $p) (local.get $out))
            (local.set $out (i32.add (local.get $out) (i32.const 16)))
            (local.set $centre (i32.add (local.get $centre) (i32.shl (local.get $stride) (i32.const 1))))
            (br $pairs)))
        (if (i32.lt_u (local.get $centre) (local.get $centresEnd))
          (then
            (f64.store (local.get $out) (call $sqdist (local.get $x) (local.get $centre) (local.get $p)))
            (local.set $out (i32.add (local.get $out) (i32.const 8)))))
        (local.set $x (i32.add (local.get $x) (local.get $stride)))
        (br $rows))))

  ;; out (n x k) = x (n x p) times the transpose of w (k x p): one linear score per row and w row.
  ;; Two rows of w per pass over a row of x.
  (func (export "dotRows") (param $x i32) (param $n i32) (param $p i32) (param $w i32) (param $k i32) (param $out i32)
    (local $rowEnd i32) (local $stride i32) (local $wrow i32) (local $wPairEnd i32) (local $wEnd i32)
    (local.set $stride (i32.shl (local.get $p) (i32.const 3)))
    (local.set $rowEnd (i32.add (local.get $x) (i32.mul (local.get $n) (local.get $stride))))
    (local.set $wEnd (i32.add (local.get $w) (i32.mul (local.get $k) (local.get $stride))))
    (local.set $wPairEnd (i32.add (local.get $w) (i32.mul (i32.and (local.get $k) (i32.const -2)) (local.get $stride))))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $x) (local.get $rowEnd)))
        (local.set $wrow (local.get $w))
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.ge_u (local.get $wrow) (local.get $wPairEnd)))
            (call $dot2 (local.get $x) (local.get $wrow) (i32.add (local.get $wrow) (local.get $stride)) (local.get $p) (local.get $out))
            (local.set $out (i32.add (local.get $out) (i32.const 16)))
            (local.set $wrow (i32.add (local.get $wrow) (i32.shl (local.get $stride) (i32.const 1))))
            (br $pairs)))
        (if (i32.lt_u (local.get $wrow) (local.get $wEnd))
          (then
            (f64.store (local.get $out) (call $dot (local.get $x) (local.get $wrow) (local.get $p)))
            (local.set $out (i32.add (local.get $out) (i32.const 8)))))
        (local.set $x (i32.add (local.get $x) (local.get $stride)))
        (br $rows))))

  ;; g (k x p) += transpose of r (n x k) times x (n x p): the gradient X^T R of a linear model.
  ;; Two rows of x per pass over a row of g.
  (func (export "addTransposedProduct") (param $x i32) (param $n i32) (param $p i32) (param $r i32) (param $k i32) (param $g i32)
    (local $pairEnd i32) (local $stride i32) (local $rstride i32) (local $grow i32) (local $gEnd i32) (local $rr i32)
    (local.set $stride (i32.shl (local.get $p) (i32.const 3)))
    (local.set $rstride (i32.shl (local.get $k) (i32.const 3)))
    (local.set $pairEnd (i32.add (local.get $x) (i32.mul (i32.and (local.get $n) (i32.const -2)) (local.get $stride))))
    (local.set $gEnd (i32.add (local.get $g) (i32.mul (local.get $k) (local.get $stride))))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $x) (local.get $pairEnd)))
        (local.set $grow (local.get $g))
        (local.set $rr (local.get $r))
        (block $gDone
          (loop $gs
            (br_if $gDone (i32.ge_u (local.get $grow) (local.get $gEnd)))
            (call $axpy2 (local.get $grow)
              (local.get $x) (f64.load (local.get $rr))
              (i32.add (local.get $x) (local.get $stride)) (f64.load (i32.add (local.get $rr) (local.get $rstride)))
              (local.get $p))
            (local.set $rr (i32.add (local.get $rr) (i32.const 8)))
            (local.set $grow (i32.add (local.get $grow) (local.get $stride)))
            (br $gs)))
        (local.set $r (i32.add (local.get $r) (i32.shl (local.get $rstride) (i32.const 1))))
        (local.set $x (i32.add (local.get $x) (i32.shl (local.get $stride) (i32.const 1))))
        (br $rows)))
    ;; The last row when n is odd.
    (if (i32.and (local.get $n) (i32.const 1))
      (then
        (local.set $grow (local.get $g))
        (block $lastDone
          (loop $last
            (br_if $lastDone (i32.ge_u (local.get $grow) (local.get $gEnd)))
            (call $axpy (local.get $grow) (local.get $x) (f64.load (local.get $r)) (local.get $p))
            (local.set $r (i32.add (local.get $r) (i32.const 8)))
            (local.set $grow (i32.add (local.get $grow) (local.get $stride)))
            (br $last))))))

  ;; For each row of x: the nearest of the k centres (lowest index on ties) into labels, the
  ;; squared distance to it into first and to the second nearest into second (k >= 1; with one
  ;; centre, second is +Infinity).
  (func (export "nearestTwo") (param $x i32) (param $n i32) (param $p i32) (param $c i32) (param $k i32)
        (param $labels i32) (param $first i32) (param $second i32)
    (local $rowEnd i32) (local $stride i32) (local $j i32) (local $best i32) (local $d f64) (local $d1 f64) (local $d2 f64)
    (local.set $stride (i32.shl (local.get $p) (i32.const 3)))
    (local.set $rowEnd (i32.add (local.get $x) (i32.mul (local.get $n) (local.get $stride))))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $x) (local.get $rowEnd)))
        (local.set $d1 (f64.const inf))
        (local.set $d2 (f64.const inf))
        (local.set $best (i32.const 0))
        (local.set $j (i32.const 0))
        (block $centresDone
          (loop $centres
            (br_if $centresDone (i32.ge_u (local.get $j) (local.get $k)))
            (local.set $d (call $sqdist (local.get $x) (i32.add (local.get $c) (i32.mul (local.get $j) (local.get $stride))) (local.get $p)))
            (if (f64.lt (local.get $d) (local.get $d1))
              (then
                (local.set $d2 (local.get $d1))
                (local.set $d1 (local.get $d))
                (local.set $best (local.get $j)))
              (else
                (if (f64.lt (local.get $d) (local.get $d2)) (then (local.set $d2 (local.get $d))))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $centres)))
        (i32.store (local.get $labels) (local.get $best))
        (f64.store (local.get $first) (local.get $d1))
        (f64.store (local.get $second) (local.get $d2))
        (local.set $labels (i32.add (local.get $labels) (i32.const 4)))
        (local.set $first (i32.add (local.get $first) (i32.const 8)))
        (local.set $second (i32.add (local.get $second) (i32.const 8)))
        (local.set $x (i32.add (local.get $x) (local.get $stride)))
        (br $rows))))

  ;; One assignment step of Lloyd's algorithm with Hamerly's bounds, after centre j moved by
  ;; moved[j] (the largest move is maxMoved, at centre maxAt; the second largest is secondMoved).
  ;; upper[i] bounds row i's distance to its centre from above, lower[i] its distance to every
  ;; other centre from below, half[j] is half the distance from centre j to its nearest other.
  ;; A row is measured only when its bounds no longer prove its centre nearest. Rows that change
  ;; cluster move their values between the per-centre sums (k x p) and counts (k). Returns the
  ;; number of rows that changed cluster.
  (func (export "hamerlyStep") (param $x i32) (param $n i32) (param $p i32) (param $c i32) (param $k i32)
        (param $labels i32) (param $upper i32) (param $lower i32) (param $moved i32) (param $half i32)
        (param $maxAt i32) (param $maxMoved f64) (param $secondMoved f64) (param $sums i32) (param $counts i32)
        (result i32)
    (local $rowEnd i32) (local $stride i32) (local $a i32) (local $j i32) (local $best i32) (local $changed i32)
    (local $u f64) (local $l f64) (local $bound f64) (local $d f64) (local $d1 f64) (local $d2 f64)
    (local.set $stride (i32.shl (local.get $p) (i32.const 3)))
    (local.set $rowEnd (i32.add (local.get $x) (i32.mul (local.get $n) (local.get $stride))))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $x) (local.get $rowEnd)))
        (local.set $a (i32.load (local.get $labels)))
        (local.set $u (f64.add (f64.load (local.get $upper)) (f64.load (i32.add (local.get $moved) (i32.shl (local.get $a) (i32.const 3))))))
        (local.set $l (f64.sub (f64.load (local.get $lower))
          (select (local.get $secondMoved) (local.get $maxMoved) (i32.eq (local.get $a) (local.get $maxAt)))))
        (local.set $bound (f64.max (f64.load (i32.add (local.get $half) (i32.shl (local.get $a) (i32.const 3)))) (local.get $l)))
        (if (f64.gt (local.get $u) (local.get $bound))
          (then
            (local.set $u (f64.sqrt (call $sqdist (local.get $x) (i32.add (local.get $c) (i32.mul (local.get $a) (local.get $stride))) (local.get $p))))
            (if (f64.gt (local.get $u) (local.get $bound))
              (then
                (local.set $d1 (f64.const inf))
                (local.set $d2 (f64.const inf))
                (local.set $best (i32.const 0))
                (local.set $j (i32.const 0))
                (block $centresDone
                  (loop $centres
                    (br_if $centresDone (i32.ge_u (local.get $j) (local.get $k)))
                    (local.set $d (call $sqdist (local.get $x) (i32.add (local.get $c) (i32.mul (local.get $j) (local.get $stride))) (local.get $p)))
                    (if (f64.lt (local.get $d) (local.get $d1))
                      (then
                        (local.set $d2 (local.get $d1))
                        (local.set $d1 (local.get $d))
                        (local.set $best (local.get $j)))
                      (else
                        (if (f64.lt (local.get $d) (local.get $d2)) (then (local.set $d2 (local.get $d))))))
                    (local.set $j (i32.add (local.get $j) (i32.const 1)))
                    (br $centres)))
                (local.set $u (f64.sqrt (local.get $d1)))
                (local.set $l (f64.sqrt (local.get $d2)))
                (if (i32.ne (local.get $best) (local.get $a))
                  (then
                    (i32.store (local.get $labels) (local.get $best))
                    (local.set $changed (i32.add (local.get $changed) (i32.const 1)))
                    (f64.store (i32.add (local.get $counts) (i32.shl (local.get $a) (i32.const 3)))
                      (f64.sub (f64.load (i32.add (local.get $counts) (i32.shl (local.get $a) (i32.const 3)))) (f64.const 1)))
                    (f64.store (i32.add (local.get $counts) (i32.shl (local.get $best) (i32.const 3)))
                      (f64.add (f64.load (i32.add (local.get $counts) (i32.shl (local.get $best) (i32.const 3)))) (f64.const 1)))
                    (call $axpy (i32.add (local.get $sums) (i32.mul (local.get $a) (local.get $stride))) (local.get $x) (f64.const -1) (local.get $p))
                    (call $axpy (i32.add (local.get $sums) (i32.mul (local.get $best) (local.get $stride))) (local.get $x) (f64.const 1) (local.get $p))))))))
        (f64.store (local.get $upper) (local.get $u))
        (f64.store (local.get $lower) (local.get $l))
        (local.set $labels (i32.add (local.get $labels) (i32.const 4)))
        (local.set $upper (i32.add (local.get $upper) (i32.const 8)))
        (local.set $lower (i32.add (local.get $lower) (i32.const 8)))
        (local.set $x (i32.add (local.get $x) (local.get $stride)))
        (br $rows)))
    (local.get $changed))
)
