package org.stage2scope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stage2scope.engine.Evaluation;
import org.stage2scope.engine.MemClass;
import org.stage2scope.engine.Stage2Entry;
import org.stage2scope.engine.Stage2Run;
import org.stage2scope.model.Arch;
import org.stage2scope.model.Granule;
import org.stage2scope.model.Host;
import org.stage2scope.model.PolicyId;
import org.stage2scope.model.Scenario;
import org.stage2scope.model.Vm;

class ReportWritersTest {

    @Test
    void jsonReportHasTheSchemaFieldsInOrderWithDocumentedExtras() {
        assertEquals("""
                {
                  "format": "stage2scope-report/1",
                  "scenario": "tiny",
                  "policy": "upstream",
                  "memslotCalls": [
                    {
                      "index": 0,
                      "slot": 2,
                      "addressSpace": 0,
                      "change": "CREATE",
                      "result": "ok",
                      "rule": "memslot.ok",
                      "explanation": "Created."
                    },
                    {
                      "index": 1,
                      "slot": 3,
                      "addressSpace": 0,
                      "change": "CREATE",
                      "result": "ok",
                      "rule": "memslot.ok",
                      "explanation": "Created at the top."
                    }
                  ],
                  "stage2": [
                    {
                      "gpaStart": "0x8000000000",
                      "gpaEnd": "0x8040000000",
                      "slot": 2,
                      "vma": "gpu",
                      "outcome": "mapped",
                      "reason": "Cacheable VMA and FWB+DIC: mapped Normal-WB.",
                      "s2": {
                        "type": "Normal-WB",
                        "memAttr": "0b0110",
                        "ipat": null,
                        "read": true,
                        "write": true,
                        "exec": false,
                        "block": "1G",
                        "dcacheClean": false,
                        "icacheInval": false
                      },
                      "addressSpace": 0,
                      "rule": "s2.pfnmap.cacheable"
                    },
                    {
                      "gpaStart": "0xffffffffc0000000",
                      "gpaEnd": "0x10000000000000000",
                      "slot": 3,
                      "vma": null,
                      "outcome": "EFAULT",
                      "reason": "No VMA.",
                      "s2": null,
                      "addressSpace": 0,
                      "rule": "s2.pfnmap.efault"
                    }
                  ],
                  "effective": [
                    {
                      "gpaStart": "0x8000000000",
                      "gpaEnd": "0x8040000000",
                      "stage1": "0x04",
                      "result": "0xff",
                      "name": "Normal-WB",
                      "stage1Assumed": false,
                      "memClass": "WRITE_BACK",
                      "rule": "memtype.fwb.force-wb",
                      "reason": "S2 0b110 turns stage-1 Device into Normal WB."
                    }
                  ],
                  "accesses": [
                    {
                      "index": 0,
                      "gpa": "0x8000000000",
                      "kind": "exec",
                      "outcome": "mapped",
                      "explanation": "Mapped executable.",
                      "label": "fetch",
                      "rule": "s2.pfnmap.cacheable",
                      "s2": {
                        "type": "Normal-WB",
                        "memAttr": "0b0110",
                        "ipat": null,
                        "read": true,
                        "write": true,
                        "exec": false,
                        "block": "1G",
                        "dcacheClean": false,
                        "icacheInval": false
                      },
                      "trace": ["memslot 2 found", "VMA gpu is cacheable"]
                    }
                  ],
                  "findings": [
                    {
                      "severity": "warning",
                      "rule": "s2.pfnmap.efault",
                      "message": "GPA 0xffffffffc0000000 has no VMA."
                    },
                    {
                      "severity": "info",
                      "rule": "memtype.fwb.force-wb",
                      "message": "FWB overrides the guest's Device mapping."
                    }
                  ]
                }
                """, ReportJson.render(ReportFixtures.upstream()));
    }

    @Test
    void jsonReportParsesAsStrictJson() throws Exception {
        // Jackson strict: duplicate keys and anything after the root value fail the parse.
        JsonNode root = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build()
                .readTree(ReportJson.render(ReportFixtures.upstream()));
        List<String> keys = new java.util.ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("format", "scenario", "policy", "memslotCalls", "stage2", "effective", "accesses", "findings"),
                keys);
    }

    @Test
    void textReportIsAlignedAndComplete() {
        assertEquals("""
                Stage2Scope report: tiny
                  host    arm64, 4K pages, 48-bit user VA, features: FWB DIC
                  vm      40-bit IPA, MTE off
                  policy  upstream: Linux 6.17+: the VMA's pgprot decides, KVM_CAP_ARM_CACHEABLE_PFNMAP_SUPPORTED reports FWB+DIC

                Memslot calls (KVM_SET_USER_MEMORY_REGION2, in order)
                  #  slot  gpa                 size  hva             flags  change  result  rule
                  0  2     0x8000000000        1G    0xffe000000000  -      CREATE  ok      memslot.ok
                  1  3     0xffffffffc0000000  1G    0xffe000000000  -      CREATE  ok      memslot.ok

                  #0 (GPU) ok: Created.
                  #1 ok: Created at the top.

                GPA ranges: stage-2 map and effective type (every page of each accepted slot touched by reads and writes)
                  gpa start           gpa end              size  slot  vma       pgprot     vma flags  outcome  stage 2    MemAttr  block  perms  cache maintenance  stage 1  effective  rule
                  0x8000000000        0x8040000000         1G    2     gpu       MT_NORMAL  PFNMAP|IO  mapped   Normal-WB  0b0110   1G     RW-    none               0x04     Normal-WB  s2.pfnmap.cacheable
                  0xffffffffc0000000  0x10000000000000000  1G    3     (no VMA)  -          -          EFAULT   -          -        -      -      -                  -        -          s2.pfnmap.efault

                  0x8000000000 mapped: Cacheable VMA and FWB+DIC: mapped Normal-WB. [s2.pfnmap.cacheable]
                  0xffffffffc0000000 EFAULT: No VMA. [s2.pfnmap.efault]

                Effective memory type (guest stage 1 combined with stage 2)
                  gpa start     gpa end       size  stage 1  result  name       rule
                  0x8000000000  0x8040000000  1G    0x04     0xff    Normal-WB  memtype.fwb.force-wb

                  0x8000000000 Normal-WB: S2 0b110 turns stage-1 Device into Normal WB.

                Guest accesses (first touch, each takes a stage-2 fault)
                  #  gpa           kind  outcome  stage 2           label
                  0  0x8000000000  exec  mapped   Normal-WB RW- 1G  fetch

                  #0 mapped: Mapped executable. [s2.pfnmap.cacheable]
                    1. memslot 2 found
                    2. VMA gpu is cacheable

                Findings
                  Warnings (1)
                    - GPA 0xffffffffc0000000 has no VMA. [s2.pfnmap.efault]
                  Notes (1)
                    - FWB overrides the guest's Device mapping. [memtype.fwb.force-wb]
                """, ReportText.render(ReportFixtures.upstream()));
    }

    @Test
    void x86ReportShowsIpatInsteadOfMemAttr() {
        Evaluation up = ReportFixtures.upstream();
        Scenario s = new Scenario("x", "", new Host(Arch.X86_INTEL, Granule.G4K, 47, java.util.Set.of()),
                new Vm(40, false, PolicyId.UPSTREAM, java.util.Set.of(), true), List.of(), List.of(), null);
        Stage2Entry wb = new Stage2Entry("WB", MemClass.WRITE_BACK, null, null, null, true, true, true, true, 4096, false, false);
        Evaluation ev = new Evaluation(s, PolicyId.UPSTREAM, List.of(),
                List.of(new Stage2Run(0, 4096, 0, 0, "ram", Stage2Run.Outcome.MAPPED, ReportFixtures.S2_CACHEABLE, "r", wb)),
                List.of(), List.of(), List.of());
        String text = ReportText.render(ev);
        assertTrue(text.contains("  vm      40-bit IPA, quirks: none, non-coherent DMA: yes\n"), text);
        assertTrue(text.contains("  gpa start  gpa end  size  slot  vma  pgprot  vma flags  outcome  stage 2  ipat  block  perms  cache maintenance"
                + "  stage 1  effective  rule\n"
                + "  0x0        0x1000   4K    0     ram  -       -          mapped   WB       1     4K     RWX    none               -        -          s2.pfnmap.cacheable\n"), text);
        String json = ReportJson.render(ev);
        assertTrue(json.contains("\"memAttr\": null,\n        \"ipat\": true,"), json);
        assertTrue(up.stage2().size() == 2);
    }
}
