(module
 (type $0 (func (param i32 i32 i32 i32 f64 i32 i32)))
 (type $1 (func (param v128 v128)))
 (type $2 (func (param v128 v128 v128 v128 v128 f64 f64 v128 v128)))
 (type $3 (func))
 (type $4 (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
 (type $5 (func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
 (type $6 (func (param i32 f64 f64 i32 f64 f64 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
 (type $7 (func (param i32) (result i32)))
 (type $8 (func (param i32 f64 f64 i32 f64 f64 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
 (type $9 (func (result i32)))
 (type $10 (func (param i32 i32 i32 f64 i32 i32 i32 i32 i32)))
 (type $11 (func (param i32 i32 i32 i32 i32 i32 f64 i32 i32)))
 (global $assembly/ntk/atanVariant (mut i32) (i32.const 0))
 (global $assembly/ntk/angPhi (mut v128) (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
 (global $assembly/ntk/angS (mut v128) (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
 (global $assembly/ntk/angC (mut v128) (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
 (global $assembly/ntk/angJ1 (mut v128) (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
 (global $assembly/ntk/angPmJ1 (mut v128) (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
 (global $assembly/ntk/denseM (mut v128) (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
 (global $assembly/ntk/denseP (mut v128) (v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000))
 (memory $0 0)
 (export "scratchBase" (func $assembly/index/scratchBase))
 (export "falkonPartial" (func $assembly/falkon/falkonPartial))
 (export "dgemmMacro" (func $assembly/gemm/dgemmMacro))
 (export "nnActBackward" (func $assembly/nn/nnActBackward))
 (export "nnActForward" (func $assembly/nn/nnActForward))
 (export "ntkAtanVariant" (func $assembly/ntk/ntkAtanVariant))
 (export "ntkFcReluRows" (func $assembly/ntk/ntkFcReluRows))
 (export "ntkPairStates" (func $assembly/ntk/ntkPairStates))
 (export "ntkTwoLayerRows" (func $assembly/ntk/ntkTwoLayerRows))
 (export "memory" (memory $0))
 (start $~start)
 (func $assembly/ntk/angleState (param $0 v128) (param $1 v128)
  (local $2 v128)
  (local $3 v128)
  (local $4 i32)
  (local $5 f64)
  (local $6 f64)
  (local $7 v128)
  (local $8 v128)
  (local $9 v128)
  (local $10 v128)
  (local $11 v128)
  (local $12 v128)
  (local $13 v128)
  local.get $0
  f64x2.sqrt
  local.tee $2
  local.get $1
  f64x2.sqrt
  local.tee $3
  local.get $0
  local.get $1
  f64x2.le
  local.tee $7
  v128.bitselect
  local.get $3
  local.get $2
  local.get $7
  v128.bitselect
  f64x2.div
  local.tee $8
  v128.const i32x4 0x00000000 0x3e400000 0x00000000 0x3e400000
  f64x2.lt
  local.set $9
  local.get $8
  v128.const i32x4 0x00000000 0x40000000 0x00000000 0x40000000
  local.get $8
  f64x2.mul
  v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000
  f64x2.sub
  v128.const i32x4 0x00000000 0x40000000 0x00000000 0x40000000
  local.get $8
  f64x2.add
  f64x2.div
  local.get $8
  v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000
  f64x2.sub
  local.get $8
  v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000
  f64x2.add
  f64x2.div
  local.get $8
  v128.const i32x4 0x00000000 0x3fe60000 0x00000000 0x3fe60000
  f64x2.lt
  local.tee $10
  v128.bitselect
  local.get $8
  v128.const i32x4 0x00000000 0x3fdc0000 0x00000000 0x3fdc0000
  f64x2.lt
  local.tee $11
  v128.bitselect
  local.tee $12
  local.get $12
  f64x2.mul
  local.set $13
  v128.const i32x4 0x00000000 0x40000000 0x00000000 0x40000000
  local.get $8
  local.get $12
  local.get $12
  global.get $assembly/ntk/atanVariant
  i32.const 1
  i32.eq
  if (result v128)
   local.get $13
   v128.const i32x4 0x5555550d 0x3fd55555 0x5555550d 0x3fd55555
   local.get $13
   v128.const i32x4 0x9998ebc4 0xbfc99999 0x9998ebc4 0xbfc99999
   local.get $13
   v128.const i32x4 0x920083ff 0x3fc24924 0x920083ff 0x3fc24924
   local.get $13
   v128.const i32x4 0xfe231671 0xbfbc71c6 0xfe231671 0xbfbc71c6
   local.get $13
   v128.const i32x4 0xc54c206e 0x3fb745cd 0xc54c206e 0x3fb745cd
   local.get $13
   v128.const i32x4 0xaf749a6d 0xbfb3b0f2 0xaf749a6d 0xbfb3b0f2
   local.get $13
   v128.const i32x4 0xa0d03d51 0x3fb10d66 0xa0d03d51 0x3fb10d66
   local.get $13
   v128.const i32x4 0x52defd9a 0xbfadde2d 0x52defd9a 0xbfadde2d
   local.get $13
   v128.const i32x4 0x24760deb 0x3fa97b4b 0x24760deb 0x3fa97b4b
   local.get $13
   v128.const i32x4 0x2c6a6c2f 0xbfa2b444 0x2c6a6c2f 0xbfa2b444
   local.get $13
   v128.const i32x4 0xe322da11 0x3f90ad3a 0xe322da11 0x3f90ad3a
   f64x2.mul
   f64x2.add
   f64x2.mul
   f64x2.add
   f64x2.mul
   f64x2.add
   f64x2.mul
   f64x2.add
   f64x2.mul
   f64x2.add
   f64x2.mul
   f64x2.add
   f64x2.mul
   f64x2.add
   f64x2.mul
   f64x2.add
   f64x2.mul
   f64x2.add
   f64x2.mul
   f64x2.add
   f64x2.mul
  else
   local.get $13
   v128.const i32x4 0x5555550d 0x3fd55555 0x5555550d 0x3fd55555
   local.get $13
   local.get $13
   f64x2.mul
   local.tee $8
   v128.const i32x4 0x920083ff 0x3fc24924 0x920083ff 0x3fc24924
   local.get $8
   v128.const i32x4 0xc54c206e 0x3fb745cd 0xc54c206e 0x3fb745cd
   local.get $8
   v128.const i32x4 0xa0d03d51 0x3fb10d66 0xa0d03d51 0x3fb10d66
   local.get $8
   v128.const i32x4 0x24760deb 0x3fa97b4b 0x24760deb 0x3fa97b4b
   local.get $8
   v128.const i32x4 0xe322da11 0x3f90ad3a 0xe322da11 0x3f90ad3a
   f64x2.mul
   f64x2.add
   f64x2.mul
   f64x2.add
   f64x2.mul
   f64x2.add
   f64x2.mul
   f64x2.add
   f64x2.mul
   f64x2.add
   f64x2.mul
   local.get $8
   v128.const i32x4 0x9998ebc4 0xbfc99999 0x9998ebc4 0xbfc99999
   local.get $8
   v128.const i32x4 0xfe231671 0xbfbc71c6 0xfe231671 0xbfbc71c6
   local.get $8
   v128.const i32x4 0xaf749a6d 0xbfb3b0f2 0xaf749a6d 0xbfb3b0f2
   local.get $8
   v128.const i32x4 0x52defd9a 0xbfadde2d 0x52defd9a 0xbfadde2d
   local.get $8
   v128.const i32x4 0x2c6a6c2f 0xbfa2b444 0x2c6a6c2f 0xbfa2b444
   f64x2.mul
   f64x2.add
   f64x2.mul
   f64x2.add
   f64x2.mul
   f64x2.add
   f64x2.mul
   f64x2.add
   f64x2.mul
   f64x2.add
  end
  f64x2.mul
  local.tee $8
  f64x2.sub
  v128.const i32x4 0x0561bb4f 0x3fddac67 0x0561bb4f 0x3fddac67
  v128.const i32x4 0x54442d18 0x3fe921fb 0x54442d18 0x3fe921fb
  local.get $10
  v128.bitselect
  local.get $8
  v128.const i32x4 0x222f65e2 0x3c7a2b7f 0x222f65e2 0x3c7a2b7f
  v128.const i32x4 0x33145c07 0x3c81a626 0x33145c07 0x3c81a626
  local.get $10
  v128.bitselect
  f64x2.sub
  local.get $12
  f64x2.sub
  f64x2.sub
  local.get $11
  v128.bitselect
  local.get $9
  v128.bitselect
  f64x2.mul
  local.tee $8
  v128.const i32x4 0x54442d18 0x400921fb 0x54442d18 0x400921fb
  local.get $8
  f64x2.sub
  local.tee $9
  local.get $7
  v128.bitselect
  local.set $10
  local.get $9
  local.get $8
  local.get $7
  v128.bitselect
  local.tee $7
  v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000
  f64x2.lt
  local.set $8
  local.get $7
  global.set $assembly/ntk/angPhi
  v128.const i32x4 0x00000000 0x40000000 0x00000000 0x40000000
  local.get $2
  local.get $3
  f64x2.mul
  f64x2.mul
  local.get $0
  local.get $1
  f64x2.add
  local.tee $9
  f64x2.div
  local.tee $11
  global.set $assembly/ntk/angS
  local.get $1
  local.get $0
  f64x2.sub
  local.get $9
  f64x2.div
  local.tee $12
  global.set $assembly/ntk/angC
  local.get $7
  local.get $10
  local.get $8
  v128.bitselect
  local.tee $3
  local.get $3
  f64x2.mul
  local.tee $13
  local.get $3
  f64x2.mul
  v128.const i32x4 0x00000000 0x40080000 0x00000000 0x40080000
  f64x2.div
  local.tee $2
  local.set $1
  local.get $3
  v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000
  f64x2.lt
  local.set $3
  local.get $13
  f64x2.neg
  local.set $13
  i32.const 1
  local.set $4
  loop $for-loop|0
   local.get $4
   i32.const 12
   i32.lt_s
   i32.const 0
   local.get $3
   v128.any_true
   select
   if
    local.get $4
    f64.convert_i32_s
    local.tee $5
    local.get $5
    f64.add
    local.set $6
    local.get $1
    local.get $2
    local.get $13
    local.get $4
    i32.const 1
    i32.add
    local.tee $4
    f64.convert_i32_s
    f64x2.splat
    f64x2.mul
    local.get $5
    local.get $6
    f64.const 2
    f64.add
    f64.mul
    local.get $6
    f64.const 3
    f64.add
    f64.mul
    f64x2.splat
    f64x2.div
    f64x2.mul
    local.tee $2
    f64x2.add
    local.get $1
    local.get $3
    v128.bitselect
    local.set $1
    local.get $3
    local.get $2
    f64x2.abs
    v128.const i32x4 0xd1d243ac 0x3c32725d 0xd1d243ac 0x3c32725d
    local.get $1
    f64x2.mul
    f64x2.lt
    v128.andnot
    local.set $3
    br $for-loop|0
   end
  end
  local.get $1
  local.get $11
  local.get $7
  local.get $12
  f64x2.neg
  f64x2.mul
  f64x2.sub
  local.get $8
  v128.bitselect
  local.tee $2
  global.set $assembly/ntk/angJ1
  v128.const i32x4 0x54442d18 0x401921fb 0x54442d18 0x401921fb
  local.get $0
  f64x2.mul
  local.get $9
  f64x2.div
  local.get $1
  f64x2.sub
  v128.const i32x4 0x54442d18 0x400921fb 0x54442d18 0x400921fb
  local.get $2
  f64x2.sub
  local.get $10
  v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000
  f64x2.lt
  v128.bitselect
  global.set $assembly/ntk/angPmJ1
 )
 (func $assembly/ntk/fcDense (param $0 v128) (param $1 v128) (param $2 v128) (param $3 v128) (param $4 v128) (param $5 f64) (param $6 f64) (param $7 v128) (param $8 v128)
  (local $9 i32)
  (local $10 v128)
  (local $11 v128)
  (local $12 i32)
  (local $13 v128)
  (local $14 v128)
  (local $15 v128)
  local.get $6
  f64x2.splat
  local.get $8
  f64x2.mul
  local.tee $10
  v128.const i32x4 0x00000000 0x4ff00000 0x00000000 0x4ff00000
  f64x2.gt
  local.get $10
  v128.const i32x4 0x00000000 0x2ff00000 0x00000000 0x2ff00000
  f64x2.lt
  v128.or
  v128.any_true
  if (result v128)
   local.get $10
   f64x2.extract_lane 0
   local.tee $6
   f64.const inf
   f64.lt
   i32.eqz
   local.get $6
   f64.const 1157920892373161954235709e53
   f64.le
   local.get $6
   f64.const 8.636168555094445e-78
   f64.ge
   i32.and
   i32.or
   local.get $6
   f64.const 0
   f64.eq
   i32.or
   if (result f64)
    f64.const 1
   else
    local.get $6
    i64.reinterpret_f64
    i64.const 52
    i64.shr_u
    i64.const 2047
    i64.and
    i32.wrap_i64
    local.tee $9
    i32.const 1023
    i32.sub
    local.set $12
    i32.const 1023
    local.get $9
    if (result i32)
     local.get $12
    else
     local.get $6
     f64.const 18446744073709551615
     f64.mul
     i64.reinterpret_f64
     i64.const 52
     i64.shr_u
     i64.const 2047
     i64.and
     i32.wrap_i64
     i32.const 1087
     i32.sub
    end
    i32.const 2
    i32.div_s
    i32.sub
    i64.extend_i32_s
    i64.const 52
    i64.shl
    f64.reinterpret_i64
   end
   f64x2.splat
   local.get $10
   f64x2.extract_lane 1
   local.tee $6
   f64.const inf
   f64.lt
   i32.eqz
   local.get $6
   f64.const 1157920892373161954235709e53
   f64.le
   local.get $6
   f64.const 8.636168555094445e-78
   f64.ge
   i32.and
   i32.or
   local.get $6
   f64.const 0
   f64.eq
   i32.or
   if (result f64)
    f64.const 1
   else
    local.get $6
    i64.reinterpret_f64
    i64.const 52
    i64.shr_u
    i64.const 2047
    i64.and
    i32.wrap_i64
    local.tee $9
    i32.const 1023
    i32.sub
    local.set $12
    i32.const 1023
    local.get $9
    if (result i32)
     local.get $12
    else
     local.get $6
     f64.const 18446744073709551615
     f64.mul
     i64.reinterpret_f64
     i64.const 52
     i64.shr_u
     i64.const 2047
     i64.and
     i32.wrap_i64
     i32.const 1087
     i32.sub
    end
    i32.const 2
    i32.div_s
    i32.sub
    i64.extend_i32_s
    i64.const 52
    i64.shl
    f64.reinterpret_i64
   end
   f64x2.replace_lane 1
  else
   v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000
  end
  local.set $13
  local.get $10
  local.get $13
  local.get $13
  f64x2.mul
  local.tee $8
  f64x2.mul
  local.set $14
  local.get $2
  local.get $8
  f64x2.mul
  local.tee $2
  v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
  f64x2.ge
  local.set $15
  v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000
  local.get $0
  local.get $0
  f64x2.mul
  local.get $5
  f64x2.splat
  local.get $13
  f64x2.mul
  local.tee $11
  local.get $7
  local.get $13
  f64x2.mul
  local.tee $7
  f64x2.mul
  local.tee $13
  local.get $13
  f64x2.mul
  f64x2.mul
  v128.const i32x4 0x00000000 0x40100000 0x00000000 0x40100000
  local.get $3
  local.get $4
  f64x2.mul
  f64x2.mul
  local.get $3
  local.get $4
  f64x2.add
  local.tee $4
  local.get $4
  f64x2.mul
  f64x2.div
  f64x2.mul
  local.get $0
  local.get $1
  local.get $8
  f64x2.mul
  f64x2.mul
  local.get $11
  local.get $7
  f64x2.sub
  local.tee $0
  local.get $0
  f64x2.mul
  v128.const i32x4 0x00000000 0x40100000 0x00000000 0x40100000
  local.get $13
  f64x2.mul
  local.get $3
  f64x2.mul
  local.get $4
  f64x2.div
  f64x2.add
  f64x2.mul
  f64x2.add
  local.get $14
  local.get $14
  local.get $2
  f64x2.abs
  f64x2.add
  f64x2.mul
  f64x2.div
  local.tee $0
  v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000
  local.get $2
  local.get $14
  f64x2.div
  local.tee $1
  f64x2.sub
  local.get $15
  v128.bitselect
  local.get $10
  v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
  f64x2.eq
  local.tee $2
  v128.bitselect
  global.set $assembly/ntk/denseM
  v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000
  v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000
  local.get $1
  f64x2.add
  local.get $0
  local.get $15
  v128.bitselect
  local.get $2
  v128.bitselect
  global.set $assembly/ntk/denseP
 )
 (func $~start
  v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
  global.set $assembly/ntk/angPhi
  v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
  global.set $assembly/ntk/angS
  v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
  global.set $assembly/ntk/angC
  v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
  global.set $assembly/ntk/angJ1
  v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
  global.set $assembly/ntk/angPmJ1
  v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
  global.set $assembly/ntk/denseM
  v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
  global.set $assembly/ntk/denseP
 )
 (func $assembly/ntk/ntkTwoLayerRows (param $0 i32) (param $1 i32) (param $2 i32) (param $3 i32) (param $4 i32) (param $5 i32) (param $6 i32) (param $7 i32) (param $8 i32) (param $9 i32) (param $10 i32) (param $11 i32) (param $12 i32) (param $13 i32)
  (local $14 v128)
  (local $15 i32)
  (local $16 v128)
  (local $17 v128)
  (local $18 i32)
  (local $19 i32)
  (local $20 v128)
  (local $21 i32)
  (local $22 v128)
  (local $23 f64)
  (local $24 f64)
  (local $25 i32)
  (local $26 f64)
  (local $27 i32)
  (local $28 v128)
  (local $29 v128)
  (local $30 i32)
  (local $31 v128)
  loop $for-loop|0
   local.get $2
   local.get $19
   i32.gt_s
   if
    local.get $3
    local.get $19
    i32.add
    i32.const 1
    i32.add
    local.get $4
    local.get $6
    select
    i32.const 3
    i32.add
    i32.const -4
    i32.and
    local.set $25
    local.get $5
    local.get $19
    i32.mul
    local.set $21
    local.get $7
    local.get $19
    i32.const 3
    i32.shl
    i32.add
    f64.load
    local.set $26
    i32.const 0
    local.set $18
    loop $for-loop|1
     local.get $18
     local.get $25
     i32.lt_s
     if
      local.get $9
      local.get $18
      local.get $21
      i32.add
      i32.const 3
      i32.shl
      local.tee $15
      i32.add
      v128.load
      local.set $22
      local.get $8
      local.get $18
      i32.const 3
      i32.shl
      i32.add
      v128.load
      local.set $14
      local.get $12
      local.get $21
      i32.const 3
      i32.shl
      local.tee $30
      i32.add
      local.get $13
      local.get $30
      i32.add
      local.set $30
      local.get $10
      local.get $15
      i32.add
      v128.load
      local.get $11
      local.get $15
      i32.add
      v128.load
      call $assembly/ntk/angleState
      local.get $26
      f64x2.splat
      local.get $14
      f64x2.mul
      local.set $20
      local.get $0
      if (result v128)
       global.get $assembly/ntk/angPhi
       local.tee $16
       v128.const i32x4 0x00000000 0x3fe00000 0x00000000 0x3fe00000
       f64x2.ge
       local.set $28
       local.get $16
       v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000
       v128.const i32x4 0x00000000 0x40000000 0x00000000 0x40000000
       global.get $assembly/ntk/angC
       f64x2.neg
       local.tee $14
       f64x2.mul
       local.get $14
       f64x2.mul
       f64x2.add
       f64x2.mul
       v128.const i32x4 0x00000000 0x40080000 0x00000000 0x40080000
       global.get $assembly/ntk/angS
       f64x2.mul
       local.get $14
       f64x2.mul
       f64x2.sub
       local.set $29
       v128.const i32x4 0x00000000 0x40000000 0x00000000 0x40000000
       local.get $16
       f64x2.mul
       local.tee $14
       local.get $14
       f64x2.mul
       local.tee $31
       local.get $31
       f64x2.mul
       local.get $14
       f64x2.mul
       v128.const i32x4 0x00000000 0x405e0000 0x00000000 0x405e0000
       f64x2.div
       local.tee $17
       local.set $14
       local.get $16
       v128.const i32x4 0x00000000 0x3fe00000 0x00000000 0x3fe00000
       f64x2.lt
       local.set $16
       local.get $31
       f64x2.neg
       local.set $31
       i32.const 2
       local.set $15
       loop $for-loop|00
        local.get $15
        i32.const 14
        i32.lt_s
        i32.const 0
        local.get $16
        v128.any_true
        select
        if
         local.get $15
         f64.convert_i32_s
         local.tee $23
         local.get $23
         f64.add
         local.set $24
         local.get $14
         local.get $17
         local.get $31
         local.get $23
         f64x2.splat
         f64x2.mul
         local.get $15
         i32.const 1
         i32.sub
         f64.convert_i32_s
         local.get $24
         f64.const 2
         f64.add
         f64.mul
         local.get $24
         f64.const 3
         f64.add
         f64.mul
         f64x2.splat
         f64x2.div
         f64x2.mul
         local.tee $17
         f64x2.add
         local.get $14
         local.get $16
         v128.bitselect
         local.set $14
         local.get $16
         local.get $17
         f64x2.abs
         v128.const i32x4 0xd1d243ac 0x3c32725d 0xd1d243ac 0x3c32725d
         local.get $14
         f64x2.mul
         f64x2.lt
         v128.andnot
         local.set $16
         local.get $15
         i32.const 1
         i32.add
         local.set $15
         br $for-loop|00
        end
       end
       local.get $20
       local.get $20
       f64x2.mul
       local.get $29
       local.get $14
       local.get $28
       v128.bitselect
       f64x2.mul
       v128.const i32x4 0x54442d18 0x401921fb 0x54442d18 0x401921fb
       f64x2.div
       local.set $17
       v128.const i32x4 0x00000000 0x40100000 0x00000000 0x40100000
       local.get $22
       f64x2.mul
       local.get $20
       f64x2.mul
       global.get $assembly/ntk/angJ1
       f64x2.mul
       v128.const i32x4 0x54442d18 0x401921fb 0x54442d18 0x401921fb
       f64x2.div
      else
       local.get $20
       global.get $assembly/ntk/angJ1
       f64x2.mul
       v128.const i32x4 0x54442d18 0x401921fb 0x54442d18 0x401921fb
       f64x2.div
       local.set $17
       local.get $22
       global.get $assembly/ntk/angPhi
       f64x2.mul
       v128.const i32x4 0x54442d18 0x401921fb 0x54442d18 0x401921fb
       f64x2.div
      end
      local.set $14
      local.get $18
      i32.const 3
      i32.shl
      local.tee $15
      i32.add
      local.get $17
      v128.store
      local.get $15
      local.get $30
      i32.add
      local.get $14
      local.get $17
      f64x2.add
      local.get $14
      local.get $1
      select
      v128.store
      local.get $18
      i32.const 2
      i32.add
      local.set $18
      br $for-loop|1
     end
    end
    local.get $19
    i32.const 1
    i32.add
    local.set $19
    br $for-loop|0
   end
  end
 )
 (func $assembly/ntk/ntkPairStates (param $0 i32) (param $1 i32) (param $2 i32) (param $3 i32) (param $4 i32) (param $5 i32) (param $6 i32) (param $7 i32) (param $8 i32) (param $9 i32) (param $10 i32) (param $11 i32) (param $12 i32) (result i32)
  (local $13 i32)
  (local $14 i32)
  (local $15 i32)
  (local $16 i32)
  (local $17 v128)
  (local $18 v128)
  (local $19 v128)
  (local $20 v128)
  (local $21 i32)
  (local $22 v128)
  (local $23 v128)
  (local $24 f64)
  (local $25 f64)
  (local $26 i32)
  (local $27 i32)
  (local $28 i32)
  (local $29 i32)
  (local $30 i32)
  (local $31 v128)
  loop $for-loop|0
   local.get $0
   local.get $30
   i32.gt_s
   if
    local.get $1
    local.get $30
    i32.add
    i32.const 1
    i32.add
    local.get $2
    local.get $4
    select
    local.tee $14
    i32.const 3
    i32.add
    i32.const -4
    i32.and
    local.set $29
    local.get $9
    local.get $3
    local.get $30
    i32.mul
    local.tee $28
    i32.const 3
    i32.shl
    local.tee $15
    i32.add
    local.set $21
    local.get $10
    local.get $15
    i32.add
    local.set $27
    local.get $11
    local.get $15
    i32.add
    local.set $26
    local.get $14
    local.set $15
    loop $for-loop|1
     local.get $15
     local.get $29
     i32.lt_s
     if
      local.get $21
      local.get $15
      i32.const 3
      i32.shl
      i32.add
      f64.const 0
      f64.store
      local.get $15
      i32.const 1
      i32.add
      local.set $15
      br $for-loop|1
     end
    end
    block $for-continue|0
     local.get $30
     i32.const 3
     i32.shl
     local.tee $15
     local.get $5
     i32.add
     f64.load
     local.tee $25
     f64.const 0
     f64.eq
     local.get $6
     local.get $15
     i32.add
     f64.load
     local.tee $24
     f64.abs
     f64.const 400
     f64.gt
     i32.or
     if
      i32.const 0
      local.set $15
      loop $for-loop|2
       local.get $15
       local.get $29
       i32.lt_s
       if
        local.get $15
        i32.const 3
        i32.shl
        local.tee $16
        local.get $27
        i32.add
        f64.const 1
        f64.store
        local.get $16
        local.get $26
        i32.add
        f64.const 1
        f64.store
        local.get $15
        i32.const 1
        i32.add
        local.set $15
        br $for-loop|2
       end
      end
      local.get $25
      f64.const 0
      f64.ne
      if
       i32.const 0
       local.set $15
       loop $for-loop|3
        local.get $14
        local.get $15
        i32.gt_s
        if
         local.get $12
         local.get $13
         i32.const 2
         i32.shl
         i32.add
         local.get $15
         local.get $28
         i32.add
         i32.store
         local.get $13
         i32.const 1
         i32.add
         local.set $13
         local.get $15
         i32.const 1
         i32.add
         local.set $15
         br $for-loop|3
        end
       end
      end
      br $for-continue|0
     end
     local.get $25
     f64x2.splat
     local.set $31
     local.get $24
     f64x2.splat
     local.set $23
     i32.const 0
     local.set $15
     loop $for-loop|4
      local.get $15
      local.get $29
      i32.lt_s
      if
       local.get $23
       local.get $15
       i32.const 3
       i32.shl
       local.tee $16
       local.get $8
       i32.add
       v128.load
       local.tee $20
       f64x2.add
       f64x2.neg
       local.tee $18
       v128.const i32x4 0x00000000 0x40000000 0x00000000 0x40000000
       f64x2.div
       f64x2.trunc
       local.set $17
       v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000
       local.get $16
       local.get $21
       i32.add
       v128.load
       local.get $17
       v128.const i32x4 0x000003ff 0x43300000 0x000003ff 0x43300000
       f64x2.add
       i32.const 52
       i64x2.shl
       f64x2.mul
       local.get $18
       local.get $17
       f64x2.sub
       v128.const i32x4 0x000003ff 0x43300000 0x000003ff 0x43300000
       f64x2.add
       i32.const 52
       i64x2.shl
       f64x2.mul
       local.get $31
       local.get $7
       local.get $16
       i32.add
       v128.load
       local.tee $18
       f64x2.mul
       f64x2.div
       local.tee $17
       f64x2.sub
       local.tee $22
       v128.const i32x4 0x00000000 0x3fb00000 0x00000000 0x3fb00000
       f64x2.lt
       v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000
       local.get $17
       f64x2.add
       local.tee $19
       v128.const i32x4 0x00000000 0x3fb00000 0x00000000 0x3fb00000
       f64x2.lt
       v128.or
       local.get $20
       f64x2.abs
       v128.const i32x4 0x00000000 0x40790000 0x00000000 0x40790000
       f64x2.gt
       v128.or
       local.get $18
       v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
       f64x2.eq
       local.tee $18
       v128.andnot
       local.set $17
       local.get $16
       local.get $27
       i32.add
       v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000
       local.get $22
       local.get $18
       v128.bitselect
       v128.store
       local.get $16
       local.get $26
       i32.add
       v128.const i32x4 0x00000000 0x3ff00000 0x00000000 0x3ff00000
       local.get $19
       local.get $18
       v128.bitselect
       v128.store
       local.get $17
       v128.any_true
       if
        local.get $17
        i64x2.bitmask
        local.tee $16
        i32.const 1
        i32.and
        local.get $14
        local.get $15
        i32.gt_s
        i32.and
        if
         local.get $12
         local.get $13
         i32.const 2
         i32.shl
         i32.add
         local.get $15
         local.get $28
         i32.add
         i32.store
         local.get $13
         i32.const 1
         i32.add
         local.set $13
        end
        local.get $15
        i32.const 1
        i32.add
        local.get $14
        i32.lt_s
        i32.const 0
        local.get $16
        i32.const 2
        i32.and
        select
        if
         local.get $12
         local.get $13
         i32.const 2
         i32.shl
         i32.add
         local.get $15
         local.get $28
         i32.add
         i32.const 1
         i32.add
         i32.store
         local.get $13
         i32.const 1
         i32.add
         local.set $13
        end
       end
       local.get $15
       i32.const 2
       i32.add
       local.set $15
       br $for-loop|4
      end
     end
    end
    local.get $30
    i32.const 1
    i32.add
    local.set $30
    br $for-loop|0
   end
  end
  local.get $13
 )
 (func $assembly/ntk/ntkFcReluRows (param $0 i32) (param $1 f64) (param $2 f64) (param $3 i32) (param $4 f64) (param $5 f64) (param $6 i32) (param $7 i32) (param $8 i32) (param $9 i32) (param $10 i32) (param $11 i32) (param $12 i32) (param $13 i32) (param $14 i32) (param $15 i32) (param $16 i32) (param $17 i32) (param $18 i32) (param $19 i32) (param $20 i32)
  (local $21 i32)
  (local $22 i32)
  (local $23 i32)
  (local $24 i32)
  (local $25 i32)
  (local $26 i32)
  (local $27 i32)
  (local $28 i32)
  local.get $0
  i32.const 1
  i32.add
  local.set $24
  loop $for-loop|0
   local.get $7
   local.get $22
   i32.gt_s
   if
    local.get $8
    local.get $22
    i32.add
    i32.const 1
    i32.add
    local.get $9
    local.get $11
    select
    i32.const 3
    i32.add
    i32.const -4
    i32.and
    local.set $25
    local.get $10
    local.get $22
    i32.mul
    local.set $26
    local.get $12
    local.get $22
    local.get $24
    i32.mul
    i32.const 3
    i32.shl
    local.tee $21
    i32.add
    local.set $27
    local.get $13
    local.get $21
    i32.add
    local.set $28
    i32.const 0
    local.set $21
    loop $for-loop|1
     local.get $21
     local.get $25
     i32.lt_s
     if
      local.get $0
      local.get $1
      local.get $2
      local.get $3
      local.get $4
      local.get $5
      local.get $6
      local.get $27
      local.get $28
      local.get $14
      local.get $15
      local.get $10
      local.get $21
      local.get $17
      local.get $26
      i32.const 3
      i32.shl
      local.tee $23
      i32.add
      local.get $18
      local.get $23
      i32.add
      local.get $16
      local.get $23
      i32.add
      local.get $19
      local.get $23
      i32.add
      local.get $20
      local.get $23
      i32.add
      call $assembly/ntk/fcQuad
      local.get $21
      i32.const 4
      i32.add
      local.set $21
      br $for-loop|1
     end
    end
    local.get $22
    i32.const 1
    i32.add
    local.set $22
    br $for-loop|0
   end
  end
 )
 (func $assembly/ntk/ntkAtanVariant (param $0 i32) (result i32)
  local.get $0
  i32.const 1
  i32.eq
  global.set $assembly/ntk/atanVariant
  global.get $assembly/ntk/atanVariant
 )
 (func $assembly/ntk/fcQuad (param $0 i32) (param $1 f64) (param $2 f64) (param $3 i32) (param $4 f64) (param $5 f64) (param $6 i32) (param $7 i32) (param $8 i32) (param $9 i32) (param $10 i32) (param $11 i32) (param $12 i32) (param $13 i32) (param $14 i32) (param $15 i32) (param $16 i32) (param $17 i32)
  (local $18 v128)
  (local $19 v128)
  (local $20 v128)
  (local $21 v128)
  (local $22 v128)
  (local $23 v128)
  (local $24 i32)
  (local $25 v128)
  (local $26 v128)
  (local $27 v128)
  (local $28 v128)
  (local $29 v128)
  (local $30 i32)
  (local $31 v128)
  (local $32 i32)
  (local $33 v128)
  (local $34 f64)
  local.get $13
  local.get $12
  i32.const 3
  i32.shl
  local.tee $24
  i32.add
  v128.load
  local.set $27
  local.get $13
  local.get $12
  i32.const 2
  i32.add
  local.tee $13
  i32.const 3
  i32.shl
  local.tee $32
  i32.add
  v128.load
  local.set $26
  local.get $14
  local.get $24
  i32.add
  v128.load
  local.set $19
  local.get $14
  local.get $32
  i32.add
  v128.load
  local.set $18
  local.get $15
  local.get $24
  i32.add
  v128.load
  local.get $6
  f64.convert_i32_s
  f64x2.splat
  local.tee $21
  f64x2.div
  local.set $20
  local.get $15
  local.get $32
  i32.add
  v128.load
  local.get $21
  f64x2.div
  local.set $21
  local.get $0
  i32.const 1
  i32.add
  local.set $0
  local.get $1
  f64x2.splat
  local.set $31
  local.get $2
  f64x2.splat
  local.set $25
  loop $for-loop|0
   local.get $0
   local.get $30
   i32.gt_s
   if
    local.get $30
    i32.const 0
    i32.gt_s
    if
     local.get $8
     local.get $30
     i32.const 1
     i32.sub
     local.tee $14
     i32.const 3
     i32.shl
     i32.add
     f64.load
     f64x2.splat
     local.set $21
     local.get $27
     local.get $19
     call $assembly/ntk/angleState
     global.get $assembly/ntk/angJ1
     local.set $19
     global.get $assembly/ntk/angPhi
     local.set $22
     global.get $assembly/ntk/angPmJ1
     local.get $26
     local.get $18
     call $assembly/ntk/angleState
     local.get $21
     local.get $10
     local.get $11
     local.get $14
     i32.mul
     local.tee $14
     local.get $12
     i32.add
     i32.const 3
     i32.shl
     i32.add
     v128.load
     f64x2.mul
     local.get $19
     f64x2.mul
     v128.const i32x4 0x54442d18 0x401921fb 0x54442d18 0x401921fb
     f64x2.div
     local.set $20
     local.get $21
     local.get $10
     local.get $13
     local.get $14
     i32.add
     i32.const 3
     i32.shl
     i32.add
     v128.load
     f64x2.mul
     global.get $assembly/ntk/angJ1
     local.tee $18
     f64x2.mul
     v128.const i32x4 0x54442d18 0x401921fb 0x54442d18 0x401921fb
     f64x2.div
     local.set $21
     local.get $29
     local.get $22
     f64x2.mul
     v128.const i32x4 0x54442d18 0x401921fb 0x54442d18 0x401921fb
     f64x2.div
     local.set $29
     v128.const i32x4 0x54442d18 0x400921fb 0x54442d18 0x400921fb
     f64x2.div
     local.set $27
     global.get $assembly/ntk/angPmJ1
     v128.const i32x4 0x54442d18 0x400921fb 0x54442d18 0x400921fb
     f64x2.div
     local.set $26
     v128.const i32x4 0x54442d18 0x400921fb 0x54442d18 0x400921fb
     local.get $18
     f64x2.add
     v128.const i32x4 0x54442d18 0x400921fb 0x54442d18 0x400921fb
     f64x2.div
     local.set $18
     local.get $28
     global.get $assembly/ntk/angPhi
     f64x2.mul
     v128.const i32x4 0x54442d18 0x401921fb 0x54442d18 0x401921fb
     f64x2.div
     local.set $28
     v128.const i32x4 0x54442d18 0x400921fb 0x54442d18 0x400921fb
     local.get $19
     f64x2.add
     v128.const i32x4 0x54442d18 0x400921fb 0x54442d18 0x400921fb
     f64x2.div
     local.set $19
    end
    local.get $31
    local.get $20
    f64x2.mul
    local.get $25
    f64x2.add
    local.set $22
    local.get $31
    local.get $21
    f64x2.mul
    local.get $25
    f64x2.add
    local.set $23
    local.get $3
    if (result v128)
     local.get $31
     local.get $29
     f64x2.mul
     local.get $4
     local.get $6
     f64.convert_i32_s
     local.get $30
     select
     f64x2.splat
     local.tee $33
     local.get $20
     f64x2.mul
     f64x2.add
     local.get $5
     f64x2.splat
     local.tee $20
     f64x2.add
     local.set $29
     local.get $31
     local.get $28
     f64x2.mul
     local.get $33
     local.get $21
     f64x2.mul
     f64x2.add
     local.get $20
     f64x2.add
    else
     local.get $31
     local.get $29
     f64x2.mul
     local.get $22
     f64x2.add
     local.set $29
     local.get $31
     local.get $28
     f64x2.mul
     local.get $23
     f64x2.add
    end
    local.set $28
    local.get $30
    local.get $0
    i32.const 1
    i32.sub
    i32.lt_s
    local.get $2
    f64.const 0
    f64.ne
    i32.and
    if
     local.get $31
     local.get $25
     local.get $22
     local.get $27
     local.get $19
     local.get $7
     local.get $30
     i32.const 3
     i32.shl
     local.tee $14
     i32.add
     f64.load
     local.tee $34
     local.get $8
     local.get $14
     i32.add
     f64.load
     local.tee $1
     local.get $9
     local.get $11
     local.get $30
     i32.mul
     local.tee $14
     local.get $12
     i32.add
     i32.const 3
     i32.shl
     local.tee $15
     i32.add
     v128.load
     local.get $10
     local.get $15
     i32.add
     v128.load
     call $assembly/ntk/fcDense
     global.get $assembly/ntk/denseM
     local.set $27
     global.get $assembly/ntk/denseP
     local.set $19
     local.get $31
     local.get $25
     local.get $23
     local.get $26
     local.get $18
     local.get $34
     local.get $1
     local.get $9
     local.get $13
     local.get $14
     i32.add
     i32.const 3
     i32.shl
     local.tee $14
     i32.add
     v128.load
     local.get $10
     local.get $14
     i32.add
     v128.load
     call $assembly/ntk/fcDense
     global.get $assembly/ntk/denseM
     local.set $26
     global.get $assembly/ntk/denseP
     local.set $18
    end
    local.get $22
    local.set $20
    local.get $23
    local.set $21
    local.get $30
    i32.const 1
    i32.add
    local.set $30
    br $for-loop|0
   end
  end
  local.get $16
  local.get $12
  i32.const 3
  i32.shl
  local.tee $0
  i32.add
  local.get $20
  v128.store
  local.get $16
  local.get $13
  i32.const 3
  i32.shl
  local.tee $3
  i32.add
  local.get $21
  v128.store
  local.get $0
  local.get $17
  i32.add
  local.get $29
  v128.store
  local.get $3
  local.get $17
  i32.add
  local.get $28
  v128.store
 )
 (func $assembly/nn/nnActForward (param $0 i32) (param $1 i32) (param $2 i32) (param $3 i32) (param $4 f64) (param $5 i32) (param $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local $9 i32)
  (local $10 f64)
  (local $11 v128)
  (local $12 v128)
  (local $13 v128)
  (local $14 i32)
  (local $15 i32)
  (local $16 f64)
  (local $17 i32)
  (local $18 v128)
  (local $19 v128)
  (local $20 f64)
  (local $21 f64)
  (local $22 i32)
  (local $23 i32)
  (local $24 v128)
  (local $25 v128)
  (local $26 f64)
  (local $27 f64)
  (local $28 f64)
  local.get $2
  i32.const 3
  i32.shl
  local.set $17
  local.get $2
  i32.const -2
  i32.and
  local.set $8
  loop $for-loop|0
   local.get $22
   i32.const 2
   i32.add
   local.get $1
   i32.le_s
   if
    local.get $0
    local.get $17
    local.get $22
    i32.mul
    i32.add
    local.tee $15
    local.get $17
    i32.add
    local.set $14
    v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
    local.set $19
    v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
    local.set $18
    i32.const 0
    local.set $9
    loop $for-loop|1
     local.get $8
     local.get $9
     i32.gt_s
     if
      local.get $9
      i32.const 3
      i32.shl
      local.tee $23
      local.get $15
      i32.add
      v128.load
      local.set $13
      local.get $14
      local.get $23
      i32.add
      v128.load
      local.set $12
      i32.const 0
      local.set $7
      loop $for-loop|2
       local.get $7
       i32.const 2
       i32.lt_s
       if
        local.get $3
        local.get $23
        i32.add
        local.get $7
        i32.const 3
        i32.shl
        i32.add
        f64.load
        f64x2.splat
        local.set $24
        local.get $13
        local.get $12
        i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
        local.get $13
        local.get $12
        i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
        local.get $7
        select
        local.tee $25
        v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
        f64x2.gt
        local.set $11
        local.get $19
        local.get $5
        if (result v128)
         local.get $24
         local.get $11
         local.get $25
         local.get $25
         f64x2.mul
         v128.and
         f64x2.mul
        else
         local.get $11
         local.get $24
         local.get $25
         f64x2.mul
         v128.and
        end
        local.tee $11
        local.get $11
        v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
        f64x2.le
        v128.andnot
        local.tee $24
        f64x2.add
        local.set $19
        local.get $18
        local.get $11
        local.get $24
        f64x2.sub
        f64x2.add
        local.set $18
        local.get $7
        i32.const 1
        i32.add
        local.set $7
        br $for-loop|2
       end
      end
      local.get $9
      i32.const 2
      i32.add
      local.set $9
      br $for-loop|1
     end
    end
    local.get $19
    f64x2.extract_lane 0
    local.set $20
    local.get $18
    f64x2.extract_lane 0
    local.set $16
    local.get $19
    f64x2.extract_lane 1
    local.set $21
    local.get $18
    f64x2.extract_lane 1
    local.set $10
    local.get $8
    local.set $7
    loop $for-loop|3
     local.get $2
     local.get $7
     i32.gt_s
     if
      local.get $20
      f64.const 0
      local.get $7
      i32.const 3
      i32.shl
      local.tee $9
      local.get $3
      i32.add
      f64.load
      local.tee $26
      local.get $9
      local.get $15
      i32.add
      f64.load
      local.tee $20
      local.get $20
      f64.mul
      f64.const 0
      local.get $20
      f64.const 0
      f64.gt
      local.tee $23
      select
      f64.mul
      local.get $26
      local.get $20
      f64.mul
      f64.const 0
      local.get $23
      select
      local.get $5
      select
      local.tee $27
      local.get $27
      f64.const 0
      f64.le
      select
      local.tee $28
      f64.add
      local.set $20
      local.get $16
      local.get $27
      local.get $28
      f64.sub
      f64.add
      local.set $16
      local.get $21
      f64.const 0
      local.get $26
      local.get $9
      local.get $14
      i32.add
      f64.load
      local.tee $21
      local.get $21
      f64.mul
      f64.const 0
      local.get $21
      f64.const 0
      f64.gt
      local.tee $9
      select
      f64.mul
      local.get $26
      local.get $21
      f64.mul
      f64.const 0
      local.get $9
      select
      local.get $5
      select
      local.tee $26
      local.get $26
      f64.const 0
      f64.le
      select
      local.tee $27
      f64.add
      local.set $21
      local.get $10
      local.get $26
      local.get $27
      f64.sub
      f64.add
      local.set $10
      local.get $7
      i32.const 1
      i32.add
      local.set $7
      br $for-loop|3
     end
    end
    local.get $6
    local.get $22
    i32.const 3
    i32.shl
    i32.add
    local.get $4
    local.get $20
    local.get $16
    f64.add
    f64.mul
    f64.store
    local.get $6
    local.get $22
    i32.const 1
    i32.add
    i32.const 3
    i32.shl
    i32.add
    local.get $4
    local.get $21
    local.get $10
    f64.add
    f64.mul
    f64.store
    local.get $22
    i32.const 2
    i32.add
    local.set $22
    br $for-loop|0
   end
  end
  loop $for-loop|4
   local.get $1
   local.get $22
   i32.gt_s
   if
    local.get $0
    local.get $17
    local.get $22
    i32.mul
    i32.add
    local.set $8
    f64.const 0
    local.set $20
    f64.const 0
    local.set $10
    i32.const 0
    local.set $7
    loop $for-loop|5
     local.get $2
     local.get $7
     i32.gt_s
     if
      local.get $8
      local.get $7
      i32.const 3
      i32.shl
      local.tee $9
      i32.add
      f64.load
      local.set $16
      local.get $20
      f64.const 0
      local.get $3
      local.get $9
      i32.add
      f64.load
      local.tee $20
      local.get $16
      local.get $16
      f64.mul
      f64.const 0
      local.get $16
      f64.const 0
      f64.gt
      local.tee $9
      select
      f64.mul
      local.get $20
      local.get $16
      f64.mul
      f64.const 0
      local.get $9
      select
      local.get $5
      select
      local.tee $16
      local.get $16
      f64.const 0
      f64.le
      select
      local.tee $21
      f64.add
      local.set $20
      local.get $10
      local.get $16
      local.get $21
      f64.sub
      f64.add
      local.set $10
      local.get $7
      i32.const 1
      i32.add
      local.set $7
      br $for-loop|5
     end
    end
    local.get $6
    local.get $22
    i32.const 3
    i32.shl
    i32.add
    local.get $4
    local.get $20
    local.get $10
    f64.add
    f64.mul
    f64.store
    local.get $22
    i32.const 1
    i32.add
    local.set $22
    br $for-loop|4
   end
  end
 )
 (func $assembly/nn/nnActBackward (param $0 i32) (param $1 i32) (param $2 i32) (param $3 i32) (param $4 f64) (param $5 i32) (param $6 i32)
  (local $7 i32)
  (local $8 i32)
  (local $9 f64)
  (local $10 i32)
  (local $11 i32)
  (local $12 i32)
  (local $13 v128)
  (local $14 v128)
  (local $15 f64)
  (local $16 i32)
  (local $17 v128)
  (local $18 i32)
  (local $19 f64)
  local.get $2
  i32.const 3
  i32.shl
  local.set $16
  local.get $2
  i32.const -2
  i32.and
  local.set $8
  loop $for-loop|0
   local.get $1
   local.get $11
   i32.gt_s
   if
    local.get $0
    local.get $11
    local.get $16
    i32.mul
    i32.add
    local.set $12
    local.get $4
    local.get $5
    local.get $11
    i32.const 3
    i32.shl
    i32.add
    f64.load
    f64.mul
    local.tee $9
    local.get $9
    f64.add
    local.get $9
    local.get $6
    select
    local.tee $19
    f64x2.splat
    local.set $17
    i32.const 0
    local.set $7
    loop $for-loop|1
     local.get $7
     local.get $8
     i32.lt_s
     if
      local.get $7
      i32.const 3
      i32.shl
      local.tee $10
      local.get $12
      i32.add
      v128.load
      local.set $13
      local.get $10
      local.get $12
      i32.add
      local.get $13
      v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
      f64x2.gt
      local.get $17
      local.get $3
      local.get $10
      i32.add
      v128.load
      f64x2.mul
      local.tee $14
      local.get $13
      f64x2.mul
      local.get $14
      local.get $6
      select
      v128.and
      v128.store
      local.get $7
      i32.const 2
      i32.add
      local.set $7
      br $for-loop|1
     end
    end
    local.get $8
    local.set $7
    loop $for-loop|2
     local.get $2
     local.get $7
     i32.gt_s
     if
      local.get $7
      i32.const 3
      i32.shl
      local.tee $10
      local.get $12
      i32.add
      local.tee $18
      f64.load
      local.set $15
      local.get $3
      local.get $10
      i32.add
      f64.load
      local.set $9
      local.get $18
      local.get $15
      f64.const 0
      f64.gt
      if (result f64)
       local.get $19
       local.get $9
       f64.mul
       local.tee $9
       local.get $15
       f64.mul
       local.get $9
       local.get $6
       select
      else
       f64.const 0
      end
      f64.store
      local.get $7
      i32.const 1
      i32.add
      local.set $7
      br $for-loop|2
     end
    end
    local.get $11
    i32.const 1
    i32.add
    local.set $11
    br $for-loop|0
   end
  end
 )
 (func $assembly/index/scratchBase (result i32)
  i32.const 1024
 )
 (func $assembly/gemm/dgemmMacro (param $0 i32) (param $1 i32) (param $2 i32) (param $3 f64) (param $4 i32) (param $5 i32) (param $6 i32) (param $7 i32) (param $8 i32)
  (local $9 i32)
  (local $10 i32)
  (local $11 i32)
  (local $12 v128)
  (local $13 v128)
  (local $14 v128)
  (local $15 i32)
  (local $16 i32)
  (local $17 i32)
  (local $18 i32)
  (local $19 v128)
  (local $20 v128)
  (local $21 v128)
  (local $22 v128)
  (local $23 v128)
  (local $24 v128)
  (local $25 v128)
  (local $26 v128)
  (local $27 i32)
  (local $28 v128)
  (local $29 i32)
  local.get $3
  f64x2.splat
  local.set $14
  local.get $7
  i32.const 3
  i32.shl
  local.set $16
  local.get $2
  i32.const 5
  i32.shl
  local.set $29
  loop $for-loop|0
   local.get $1
   local.get $17
   i32.gt_s
   if
    local.get $5
    local.get $17
    i32.const 2
    i32.shr_s
    local.get $29
    i32.mul
    i32.add
    local.set $11
    local.get $4
    local.set $7
    local.get $6
    local.get $17
    i32.const 3
    i32.shl
    i32.add
    local.set $15
    i32.const 0
    local.set $18
    loop $for-loop|1
     local.get $0
     local.get $18
     i32.gt_s
     if
      local.get $7
      local.set $10
      local.get $11
      local.set $9
      v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
      local.set $19
      v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
      local.set $20
      v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
      local.set $21
      v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
      local.set $22
      v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
      local.set $23
      v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
      local.set $24
      v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
      local.set $25
      v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
      local.set $26
      i32.const 0
      local.set $27
      loop $for-loop|00
       local.get $2
       local.get $27
       i32.gt_s
       if
        local.get $19
        local.get $10
        v128.load64_splat
        local.tee $12
        local.get $9
        v128.load
        local.tee $28
        f64x2.mul
        f64x2.add
        local.set $19
        local.get $20
        local.get $12
        local.get $9
        v128.load offset=16
        local.tee $13
        f64x2.mul
        f64x2.add
        local.set $20
        local.get $21
        local.get $10
        v128.load64_splat offset=8
        local.tee $12
        local.get $28
        f64x2.mul
        f64x2.add
        local.set $21
        local.get $22
        local.get $12
        local.get $13
        f64x2.mul
        f64x2.add
        local.set $22
        local.get $23
        local.get $10
        v128.load64_splat offset=16
        local.tee $12
        local.get $28
        f64x2.mul
        f64x2.add
        local.set $23
        local.get $24
        local.get $12
        local.get $13
        f64x2.mul
        f64x2.add
        local.set $24
        local.get $25
        local.get $10
        v128.load64_splat offset=24
        local.tee $12
        local.get $28
        f64x2.mul
        f64x2.add
        local.set $25
        local.get $26
        local.get $12
        local.get $13
        f64x2.mul
        f64x2.add
        local.set $26
        local.get $10
        i32.const 32
        i32.add
        local.set $10
        local.get $9
        i32.const 32
        i32.add
        local.set $9
        local.get $27
        i32.const 1
        i32.add
        local.set $27
        br $for-loop|00
       end
      end
      local.get $8
      if (result v128)
       v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
      else
       local.get $15
       v128.load
      end
      local.set $13
      local.get $8
      if (result v128)
       v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
      else
       local.get $15
       v128.load offset=16
      end
      local.set $12
      local.get $15
      local.get $13
      local.get $14
      local.get $19
      f64x2.mul
      f64x2.add
      v128.store
      local.get $15
      local.get $12
      local.get $14
      local.get $20
      f64x2.mul
      f64x2.add
      v128.store offset=16
      local.get $15
      local.get $16
      i32.add
      local.set $9
      local.get $8
      if (result v128)
       v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
      else
       local.get $9
       v128.load
      end
      local.set $13
      local.get $8
      if (result v128)
       v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
      else
       local.get $9
       v128.load offset=16
      end
      local.set $12
      local.get $9
      local.get $13
      local.get $14
      local.get $21
      f64x2.mul
      f64x2.add
      v128.store
      local.get $9
      local.get $12
      local.get $14
      local.get $22
      f64x2.mul
      f64x2.add
      v128.store offset=16
      local.get $9
      local.get $16
      i32.add
      local.set $9
      local.get $8
      if (result v128)
       v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
      else
       local.get $9
       v128.load
      end
      local.set $13
      local.get $8
      if (result v128)
       v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
      else
       local.get $9
       v128.load offset=16
      end
      local.set $12
      local.get $9
      local.get $13
      local.get $14
      local.get $23
      f64x2.mul
      f64x2.add
      v128.store
      local.get $9
      local.get $12
      local.get $14
      local.get $24
      f64x2.mul
      f64x2.add
      v128.store offset=16
      local.get $9
      local.get $16
      i32.add
      local.set $9
      local.get $8
      if (result v128)
       v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
      else
       local.get $9
       v128.load
      end
      local.set $13
      local.get $8
      if (result v128)
       v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
      else
       local.get $9
       v128.load offset=16
      end
      local.set $12
      local.get $9
      local.get $13
      local.get $14
      local.get $25
      f64x2.mul
      f64x2.add
      v128.store
      local.get $9
      local.get $12
      local.get $14
      local.get $26
      f64x2.mul
      f64x2.add
      v128.store offset=16
      local.get $7
      local.get $29
      i32.add
      local.set $7
      local.get $15
      local.get $16
      i32.const 2
      i32.shl
      i32.add
      local.set $15
      local.get $18
      i32.const 4
      i32.add
      local.set $18
      br $for-loop|1
     end
    end
    local.get $17
    i32.const 4
    i32.add
    local.set $17
    br $for-loop|0
   end
  end
 )
 (func $assembly/falkon/falkonPartial (param $0 i32) (param $1 i32) (param $2 i32) (param $3 i32) (param $4 i32) (param $5 i32) (param $6 f64) (param $7 i32) (param $8 i32)
  (local $9 i32)
  (local $10 i32)
  (local $11 i32)
  (local $12 i32)
  (local $13 i32)
  (local $14 v128)
  (local $15 f64)
  (local $16 i32)
  (local $17 i32)
  (local $18 i32)
  (local $19 i32)
  (local $20 v128)
  (local $21 v128)
  (local $22 i32)
  (local $23 i32)
  (local $24 v128)
  local.get $7
  i32.const 0
  local.get $2
  i32.const 3
  i32.shl
  local.tee $22
  local.get $3
  i32.mul
  memory.fill
  local.get $2
  i32.const -2
  i32.and
  local.set $10
  loop $for-loop|0
   local.get $1
   local.get $18
   i32.gt_s
   if
    local.get $0
    local.get $18
    local.get $22
    i32.mul
    i32.add
    local.set $19
    i32.const 0
    local.set $16
    loop $for-loop|1
     local.get $3
     local.get $16
     i32.gt_s
     if
      local.get $5
      local.get $3
      local.get $18
      i32.mul
      local.get $16
      i32.add
      i32.const 3
      i32.shl
      i32.add
      local.set $23
      local.get $8
      local.get $16
      i32.const 3
      i32.shl
      i32.add
      local.get $4
      if (result f64)
       local.get $4
       local.get $16
       local.get $22
       i32.mul
       i32.add
       local.set $13
       i32.const 0
       local.set $17
       v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
       local.set $14
       v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
       local.set $20
       v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
       local.set $21
       v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
       local.set $24
       local.get $2
       i32.const -8
       i32.and
       local.set $9
       loop $for-loop|00
        local.get $9
        local.get $17
        i32.gt_s
        if
         local.get $14
         local.get $17
         i32.const 3
         i32.shl
         local.tee $11
         local.get $19
         i32.add
         local.tee $12
         v128.load
         local.get $11
         local.get $13
         i32.add
         local.tee $11
         v128.load
         f64x2.mul
         f64x2.add
         local.set $14
         local.get $20
         local.get $12
         v128.load offset=16
         local.get $11
         v128.load offset=16
         f64x2.mul
         f64x2.add
         local.set $20
         local.get $21
         local.get $12
         v128.load offset=32
         local.get $11
         v128.load offset=32
         f64x2.mul
         f64x2.add
         local.set $21
         local.get $24
         local.get $12
         v128.load offset=48
         local.get $11
         v128.load offset=48
         f64x2.mul
         f64x2.add
         local.set $24
         local.get $17
         i32.const 8
         i32.add
         local.set $17
         br $for-loop|00
        end
       end
       local.get $14
       f64x2.extract_lane 0
       local.get $14
       f64x2.extract_lane 1
       f64.add
       local.get $20
       f64x2.extract_lane 0
       local.get $20
       f64x2.extract_lane 1
       f64.add
       f64.add
       local.get $21
       f64x2.extract_lane 0
       local.get $21
       f64x2.extract_lane 1
       f64.add
       local.get $24
       f64x2.extract_lane 0
       local.get $24
       f64x2.extract_lane 1
       f64.add
       f64.add
       f64.add
       local.set $15
       loop $for-loop|11
        local.get $2
        local.get $9
        i32.gt_s
        if
         local.get $15
         local.get $9
         i32.const 3
         i32.shl
         local.tee $11
         local.get $19
         i32.add
         f64.load
         local.get $11
         local.get $13
         i32.add
         f64.load
         f64.mul
         f64.add
         local.set $15
         local.get $9
         i32.const 1
         i32.add
         local.set $9
         br $for-loop|11
        end
       end
       local.get $5
       if (result f64)
        local.get $15
        local.get $23
        f64.load
        f64.add
       else
        local.get $15
       end
      else
       local.get $5
       if (result f64)
        local.get $23
        f64.load
       else
        f64.const 0
       end
      end
      local.get $6
      f64.mul
      f64.store
      local.get $16
      i32.const 1
      i32.add
      local.set $16
      br $for-loop|1
     end
    end
    i32.const 0
    local.set $16
    loop $for-loop|2
     local.get $3
     local.get $16
     i32.gt_s
     if
      local.get $8
      local.get $16
      i32.const 3
      i32.shl
      i32.add
      f64.load
      local.tee $15
      f64x2.splat
      local.set $14
      local.get $7
      local.get $16
      local.get $22
      i32.mul
      i32.add
      local.set $13
      i32.const 0
      local.set $9
      loop $for-loop|3
       local.get $9
       local.get $10
       i32.lt_s
       if
        local.get $9
        i32.const 3
        i32.shl
        local.tee $12
        local.get $13
        i32.add
        local.tee $11
        local.get $11
        v128.load
        local.get $12
        local.get $19
        i32.add
        v128.load
        local.get $14
        f64x2.mul
        f64x2.add
        v128.store
        local.get $9
        i32.const 2
        i32.add
        local.set $9
        br $for-loop|3
       end
      end
      local.get $10
      local.set $9
      loop $for-loop|4
       local.get $2
       local.get $9
       i32.gt_s
       if
        local.get $9
        i32.const 3
        i32.shl
        local.tee $12
        local.get $13
        i32.add
        local.tee $11
        local.get $11
        f64.load
        local.get $12
        local.get $19
        i32.add
        f64.load
        local.get $15
        f64.mul
        f64.add
        f64.store
        local.get $9
        i32.const 1
        i32.add
        local.set $9
        br $for-loop|4
       end
      end
      local.get $16
      i32.const 1
      i32.add
      local.set $16
      br $for-loop|2
     end
    end
    local.get $18
    i32.const 1
    i32.add
    local.set $18
    br $for-loop|0
   end
  end
 )
)
