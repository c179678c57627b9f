// Schedules of one's own, as Keras allows: a LearningRateSchedule subclass with compute(step),
// getConfig() and fromConfig(). It is callable, evaluates arrays and ranges (a JavaScript loop,
// rounded to the dtype), serializes as Keras writes a custom object, and comes back through
// deserialize and loadSchedule with customObjects, as Keras' custom_objects.
import { describe, expect, test } from "vitest";
import { deserialize, ExponentialDecay, findSchedule, LearningRateSchedule, loadSchedule, serialize, toKerasJSON, type DType } from "../src/index.js";

class Halving extends LearningRateSchedule {
  every: number;
  constructor(config: { every?: number } = {}) {
    super();
    this.every = config.every ?? 10;
  }
  override compute(step: number): number {
    return 0.1 / 2 ** Math.floor(step / this.every);
  }
  override getConfig() {
    return { every: this.every };
  }
  static override fromConfig(config: { every?: number }) {
    return new Halving(config);
  }
}

/** 1/3 at every step: float32 and float64 round it differently, which shows the dtype is honoured. */
class Third extends LearningRateSchedule<DType> {
  constructor(dtype: DType = "float32") {
    super(dtype);
  }
  override compute(): number {
    return 1 / 3;
  }
  override getConfig() {
    return {};
  }
}

describe("a schedule of one's own", () => {
  test("is callable and evaluates arrays and ranges on every backend with the same numbers", () => {
    const s = new Halving({ every: 4 });
    expect(typeof s).toBe("function");
    expect(s(0)).toBe(Math.fround(0.1));
    expect(s(9)).toBe(Math.fround(0.025));
    expect(s(10n)).toBe(Math.fround(0.025));
    for (const backend of ["auto", "js", "wasm", "wasm-simd", "wasm-scalar"] as const) {
      expect(Array.from(s.range(0, 12, { backend }))).toEqual([0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.025].map(Math.fround));
      expect(Array.from(s.evaluate([0, 4.5, 100], { backend }))).toEqual([0.1, 0.05, 0.1 / 2 ** 25].map(Math.fround));
    }
    expect(s.range(0, 3)).toBeInstanceOf(Float32Array);
    expect(s.range(0, 3, { dtype: "float64" })[0]).toBe(0.1);
  });

  test("rounds to its dtype", () => {
    expect(new Third()(5)).toBe(Math.fround(1 / 3));
    expect(new Third("float64")(5)).toBe(1 / 3);
    expect(new Third("float64").range(0, 2)).toEqual(new Float64Array([1 / 3, 1 / 3]));
    expect(new Third().evaluate([1, 2])).toEqual(new Float32Array([1 / 3, 1 / 3]));
  });

  test("serializes as Keras writes a custom object, and reads back with customObjects", () => {
    const s = new Halving({ every: 7 });
    const json = serialize(s);
    expect(json).toEqual({ module: null, class_name: "Halving", config: { every: 7 }, registered_name: "Halving" });
    for (const text of [json, JSON.stringify(s), toKerasJSON(s)]) {
      const back = deserialize(text, { customObjects: { Halving } });
      expect(back).toBeInstanceOf(Halving);
      expect((back as Halving).every).toBe(7);
      expect(back(20)).toBe(s(20));
    }
    const optimizer = { class_name: "SGD", config: { learning_rate: json } };
    expect(loadSchedule(optimizer, { customObjects: { Halving } })(14)).toBe(s(14));
  });

  test("without customObjects, deserialize names the class and says where to pass it", () => {
    const json = serialize(new Halving());
    expect(() => deserialize(json)).toThrow(RangeError);
    expect(() => deserialize(json)).toThrow('class_name="Halving" (string)');
    expect(() => deserialize(json)).toThrow("pass a class of your own in options.customObjects");
    expect(() => deserialize(json, { customObjects: { Halving: Math as never } })).toThrow("Argument `customObjects.Halving` must be a LearningRateSchedule subclass");
  });

  test("a customObjects class wins over lrdecay's own of the same name, as in Keras", () => {
    class Mine extends Halving {
      static override fromConfig(config: { every?: number }) {
        return new Mine(config);
      }
    }
    const back = deserialize({ class_name: "ExponentialDecay", config: { every: 3 } }, { customObjects: { ExponentialDecay: Mine } });
    expect(back).toBeInstanceOf(Mine);
    expect(back(3)).toBe(Math.fround(0.05));
  });

  test("a subclass of a built-in that overrides compute runs its own compute, and serializes under its own name", () => {
    class Doubled extends ExponentialDecay {
      override compute(step: number): number {
        return 2 * super.compute(step);
      }
    }
    const base = new ExponentialDecay(0.1, 10, 0.5);
    const s = new Doubled(0.1, 10, 0.5);
    expect(s(10)).toBe(2 * base(10));
    expect(Array.from(s.range(0, 3, { backend: "wasm" }))).toEqual([0, 1, 2].map((k) => Math.fround(2 * base(k))));
    expect(serialize(s).class_name).toBe("Doubled");
  });

  test("bad results and missing methods are TypeErrors that say what is wrong", () => {
    class Broken extends LearningRateSchedule {
      override compute(step: number): number {
        return (step > 2 ? "0.1" : 0.1) as number;
      }
    }
    expect(() => new Broken()(3)).toThrow("Broken.compute(3) must return a number. Received: \"0.1\" (string)");
    expect(() => new Broken().range(0, 5)).toThrow(TypeError);
    class Empty extends LearningRateSchedule {}
    expect(() => new Empty()(1)).toThrow("Empty must implement compute(step)");
    expect(() => serialize(new Empty())).toThrow("Empty must implement getConfig() to be serialized");
    expect(() => new Halving().evaluate([1, NaN])).toThrow("Argument `steps` must hold finite numbers. Received: steps[1]=NaN");
  });
});

describe("a schedule of one's own and the dtype", () => {
  /** Forces float32 whatever it is asked for: the dtype cannot be honoured, so it must be refused. */
  class Stubborn extends LearningRateSchedule {
    constructor() {
      super("float32");
    }
    override compute(): number {
      return 0.1;
    }
    override getConfig() {
      return {};
    }
    static override fromConfig() {
      return new Stubborn();
    }
  }

  test("deserialize, loadSchedule and findSchedule honour dtype float64 for the README's class, whose super() names none", () => {
    const json = serialize(new Halving({ every: 10 }));
    const optimizer = { class_name: "Adam", config: { learning_rate: json } };
    const loaded = [
      deserialize(json, { dtype: "float64", customObjects: { Halving } }),
      loadSchedule(optimizer, { dtype: "float64", customObjects: { Halving } }),
      findSchedule(JSON.stringify(optimizer), { dtype: "float64", customObjects: { Halving } }).schedule,
    ];
    for (const s of loaded) {
      expect(s).toBeInstanceOf(Halving);
      expect(s.dtype).toBe("float64");
      // 0.1 / 4 in float64 is not a float32: a float32 schedule would give Math.fround(0.025).
      expect(s(25)).toBe(0.1 / 4);
      expect(s(25)).not.toBe(Math.fround(0.1 / 4));
      expect(s.range(20, 22)).toEqual(new Float64Array([0.1 / 4, 0.1 / 4]));
    }
    // Asked for nothing, or float32: float32, as before; and outside deserialize super() is float32.
    expect(deserialize(json, { customObjects: { Halving } }).dtype).toBe("float32");
    expect(deserialize(json, { dtype: "float32", customObjects: { Halving } })(25)).toBe(Math.fround(0.025));
    expect(new Halving().dtype).toBe("float32");
  });

  test("a subclass of a built-in whose own fromConfig builds it with positional arguments gets the dtype asked for", () => {
    class Slower extends ExponentialDecay {
      static override fromConfig<S>(config: Record<string, unknown>): S {
        return new Slower(config.initial_learning_rate as number, config.decay_steps as number, config.decay_rate as number) as unknown as S;
      }
    }
    const json = { module: null, class_name: "Slower", config: new Slower(0.1, 1000, 0.96).getConfig(), registered_name: "Slower" };
    const s = deserialize(json, { dtype: "float64", customObjects: { Slower } });
    expect(s).toBeInstanceOf(Slower);
    expect(s.dtype).toBe("float64");
    expect(s(500)).toBe(new ExponentialDecay(0.1, 1000, 0.96).evaluate([500], { dtype: "float64" })[0]);
    expect(deserialize(json, { customObjects: { Slower } }).dtype).toBe("float32");
  });

  test("a class that sets its own dtype against the one asked for is refused by name, saying how to mend it", () => {
    const json = serialize(new Stubborn());
    for (const load of [
      () => deserialize(json, { dtype: "float64", customObjects: { Stubborn } }),
      () => loadSchedule({ config: { learning_rate: json } }, { dtype: "float64", customObjects: { Stubborn } }),
    ]) {
      expect(load).toThrow(TypeError);
      expect(load).toThrow('Stubborn.fromConfig returned a float32 schedule where dtype "float64" was asked for');
      expect(load).toThrow("pass options.dtype on to super()");
    }
    expect(deserialize(json, { dtype: "float32", customObjects: { Stubborn } }).dtype).toBe("float32");
  });

  test("super() takes the options object ({ dtype }) as well as the dtype string", () => {
    class Wide extends LearningRateSchedule<DType> {
      constructor(options?: { dtype?: DType }) {
        super(options);
      }
      override compute(): number {
        return 1 / 3;
      }
    }
    expect(new Wide({ dtype: "float64" }).dtype).toBe("float64");
    expect(new Wide({ dtype: "float64" })(1)).toBe(1 / 3);
    expect(new Wide({}).dtype).toBe("float32");
    expect(new Wide({ dtype: "float32" })(1)).toBe(Math.fround(1 / 3));
    expect(new Third("float64").dtype).toBe("float64");
    expect(() => new Wide({ dtype: "float16" as DType })).toThrow(TypeError);
    expect(() => new Wide({ dtype: "float16" as DType })).toThrow('"float16"');
    expect(() => new Wide({ dtyp: "float64" } as never)).toThrow("Unknown option `dtyp` of LearningRateSchedule's constructor. Known: dtype");
    expect(() => new Wide(42 as never)).toThrow("Argument `options` of LearningRateSchedule's constructor must be a dtype or an object { dtype }. Received: options=42");
  });
});

describe("String() of a schedule of one's own", () => {
  test("is its class name and config, or its class name when getConfig fails", () => {
    expect(String(new Halving({ every: 100 }))).toBe("Halving(every=100)");
    expect(`${new Third()}`).toBe("Third()");
    class Named extends Halving {
      override getConfig() {
        return { every: this.every, label: "a \"b\"", list: [1, 2], nested: { x: null } };
      }
    }
    expect(String(new Named({ every: 3 }))).toBe('Named(every=3, label="a \\"b\\"", list=[1, 2], nested={"x":null})');
    class Empty extends LearningRateSchedule {}
    expect(String(new Empty())).toBe("Empty");
    expect(String(new Empty())).not.toContain("=>");
  });
});
