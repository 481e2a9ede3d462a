(module
 (type $0 (func (param i32 i32 i32 i32 f64 i32 i32)))
 (type $1 (func (result i32)))
 (type $2 (func (param i32 i32 i32 f64 i32 i32 i32 i32)))
 (type $3 (func (param i32 i32 i32 i32 i32 i32 f64 i32 i32)))
 (memory $0 0)
 (export "scratchBase" (func $assembly/index/scratchBase))
 (export "falkonPartial" (func $assembly/falkon/falkonPartial))
 (export "dgemmMacro" (func $assembly/gemm/dgemmMacro))
 (export "nnActBackward" (func $assembly/nn/nnActBackward))
 (export "nnActForward" (func $assembly/nn/nnActForward))
 (export "memory" (memory $0))
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
 (func $assembly/gemm/dgemmMacro (param $0 i32) (param $1 i32) (param $2 i32) (param $3 f64) (param $4 i32) (param $5 i32) (param $6 i32) (param $7 i32)
  (local $8 i32)
  (local $9 i32)
  (local $10 i32)
  (local $11 i32)
  (local $12 v128)
  (local $13 i32)
  (local $14 i32)
  (local $15 i32)
  (local $16 i32)
  (local $17 v128)
  (local $18 v128)
  (local $19 v128)
  (local $20 v128)
  (local $21 v128)
  (local $22 v128)
  (local $23 v128)
  (local $24 v128)
  (local $25 v128)
  (local $26 i32)
  (local $27 v128)
  (local $28 v128)
  local.get $3
  f64x2.splat
  local.set $12
  local.get $7
  i32.const 3
  i32.shl
  local.set $13
  local.get $2
  i32.const 5
  i32.shl
  local.set $26
  loop $for-loop|0
   local.get $1
   local.get $14
   i32.gt_s
   if
    local.get $5
    local.get $14
    i32.const 2
    i32.shr_s
    local.get $26
    i32.mul
    i32.add
    local.set $10
    local.get $4
    local.set $7
    local.get $6
    local.get $14
    i32.const 3
    i32.shl
    i32.add
    local.set $11
    i32.const 0
    local.set $15
    loop $for-loop|1
     local.get $0
     local.get $15
     i32.gt_s
     if
      local.get $7
      local.set $8
      local.get $10
      local.set $9
      i32.const 0
      local.set $16
      v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
      local.set $17
      v128.const i32x4 0x00000000 0x00000000 0x00000000 0x00000000
      local.set $18
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
      loop $for-loop|00
       local.get $2
       local.get $16
       i32.gt_s
       if
        local.get $17
        local.get $8
        v128.load64_splat
        local.tee $27
        local.get $9
        v128.load
        local.tee $25
        f64x2.mul
        f64x2.add
        local.set $17
        local.get $18
        local.get $27
        local.get $9
        v128.load offset=16
        local.tee $27
        f64x2.mul
        f64x2.add
        local.set $18
        local.get $19
        local.get $8
        v128.load64_splat offset=8
        local.tee $28
        local.get $25
        f64x2.mul
        f64x2.add
        local.set $19
        local.get $20
        local.get $28
        local.get $27
        f64x2.mul
        f64x2.add
        local.set $20
        local.get $21
        local.get $8
        v128.load64_splat offset=16
        local.tee $28
        local.get $25
        f64x2.mul
        f64x2.add
        local.set $21
        local.get $22
        local.get $28
        local.get $27
        f64x2.mul
        f64x2.add
        local.set $22
        local.get $23
        local.get $8
        v128.load64_splat offset=24
        local.tee $28
        local.get $25
        f64x2.mul
        f64x2.add
        local.set $23
        local.get $24
        local.get $28
        local.get $27
        f64x2.mul
        f64x2.add
        local.set $24
        local.get $8
        i32.const 32
        i32.add
        local.set $8
        local.get $9
        i32.const 32
        i32.add
        local.set $9
        local.get $16
        i32.const 1
        i32.add
        local.set $16
        br $for-loop|00
       end
      end
      local.get $11
      local.get $11
      v128.load
      local.get $12
      local.get $17
      f64x2.mul
      f64x2.add
      v128.store
      local.get $11
      local.get $11
      v128.load offset=16
      local.get $12
      local.get $18
      f64x2.mul
      f64x2.add
      v128.store offset=16
      local.get $11
      local.get $13
      i32.add
      local.tee $8
      local.get $8
      v128.load
      local.get $12
      local.get $19
      f64x2.mul
      f64x2.add
      v128.store
      local.get $8
      local.get $8
      v128.load offset=16
      local.get $12
      local.get $20
      f64x2.mul
      f64x2.add
      v128.store offset=16
      local.get $8
      local.get $13
      i32.add
      local.tee $8
      local.get $8
      v128.load
      local.get $12
      local.get $21
      f64x2.mul
      f64x2.add
      v128.store
      local.get $8
      local.get $8
      v128.load offset=16
      local.get $12
      local.get $22
      f64x2.mul
      f64x2.add
      v128.store offset=16
      local.get $8
      local.get $13
      i32.add
      local.tee $8
      local.get $8
      v128.load
      local.get $12
      local.get $23
      f64x2.mul
      f64x2.add
      v128.store
      local.get $8
      local.get $8
      v128.load offset=16
      local.get $12
      local.get $24
      f64x2.mul
      f64x2.add
      v128.store offset=16
      local.get $7
      local.get $26
      i32.add
      local.set $7
      local.get $11
      local.get $13
      i32.const 2
      i32.shl
      i32.add
      local.set $11
      local.get $15
      i32.const 4
      i32.add
      local.set $15
      br $for-loop|1
     end
    end
    local.get $14
    i32.const 4
    i32.add
    local.set $14
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
