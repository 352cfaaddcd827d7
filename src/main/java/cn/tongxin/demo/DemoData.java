package cn.tongxin.demo;

import cn.tongxin.people.AccountService;
import cn.tongxin.people.Gender;
import cn.tongxin.people.IdCard;
import cn.tongxin.people.PersonData;
import cn.tongxin.people.PersonService;
import cn.tongxin.people.PersonStatus;
import cn.tongxin.people.ReferenceDataService;
import cn.tongxin.people.ReferenceItem;
import cn.tongxin.people.UnitKind;
import cn.tongxin.people.UnitRef;
import cn.tongxin.people.UnitService;
import cn.tongxin.security.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The demo province: 江川省 with three cities of two counties each, three member units, about 300 people
 * across the sectors and parties, and one account per role. Deterministic (fixed seed).
 */
@Component
class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final String[] SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤".split("");
    private static final String[] GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志强晓东海燕文博雅琴子涵思远立新春梅宏伟玉兰德明国庆慧敏永刚学军丽华明辉建华红梅晓燕".split("");
    private static final String[] POSITIONS = {"教授", "主任医师", "董事长", "总经理", "律师", "研究员", "高级工程师", "副校长", "会计师", "主任", "副主任", "经理", "教师", "设计师", "住持"};
    private static final String[] ETHNICITIES = {"汉族", "汉族", "汉族", "汉族", "回族", "满族", "苗族", "土家族", "壮族", "蒙古族"};

    private final UnitService units;
    private final PersonService people;
    private final ReferenceDataService reference;
    private final AccountService accounts;

    DemoData(UnitService units, PersonService people, ReferenceDataService reference, AccountService accounts) {
        this.units = units;
        this.people = people;
        this.reference = reference;
        this.accounts = accounts;
    }

    /** Loads everything; called as the system administrator on an empty database. */
    DemoAccounts load(String demoPassword) {
        Random random = new Random(20260101);
        UnitRef province = units.create(null, "江川省委统战部", UnitKind.PROVINCE);
        List<UnitRef> leaves = new ArrayList<>();
        String[][] cities = {{"青州市委统战部", "青山区委统战部", "临河县委统战部"},
                {"云州市委统战部", "云溪区委统战部", "白石县委统战部"},
                {"江口市委统战部", "江北区委统战部", "安平县委统战部"}};
        List<UnitRef> cityUnits = new ArrayList<>();
        for (String[] city : cities) {
            UnitRef c = units.create(province.id(), city[0], UnitKind.CITY);
            cityUnits.add(c);
            leaves.add(c);
            leaves.add(units.create(c.id(), city[1], UnitKind.COUNTY));
            leaves.add(units.create(c.id(), city[2], UnitKind.COUNTY));
        }
        for (String member : List.of("省民族宗教事务委员会", "省工商业联合会", "省归国华侨联合会")) {
            leaves.add(units.create(province.id(), member, UnitKind.MEMBER));
        }
        List<ReferenceItem> sectors = reference.sectors();
        List<ReferenceItem> parties = reference.parties();
        List<Long> personIds = new ArrayList<>();
        List<PersonData> persons = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            PersonData data = person(random, i, leaves.get(i % leaves.size()), sectors, parties);
            persons.add(data);
            personIds.add(people.create(data));
        }
        accounts.create("admin", "系统管理员", province.id(), null, Set.of(Roles.ADMIN), demoPassword);
        accounts.create("organizer", "省委统战部培训处", province.id(), null, Set.of(Roles.ORGANIZER), demoPassword);
        accounts.create("qingzhou", "青州市委统战部", cityUnits.get(0).id(), null, Set.of(Roles.ORGANIZER), demoPassword);
        accounts.create("checker", "省委统战部督查室", province.id(), null, Set.of(Roles.CHECKER), demoPassword);
        accounts.create("trainee", persons.get(0).name(), persons.get(0).unitId(), personIds.get(0),
                Set.of(Roles.TRAINEE), demoPassword);
        accounts.create("lecturer", persons.get(1).name(), persons.get(1).unitId(), personIds.get(1),
                Set.of(Roles.TRAINEE, Roles.LECTURER), demoPassword);
        log.info("Demo data loaded: {} units, {} people", leaves.size() + 1, personIds.size());
        return new DemoAccounts(province, cityUnits, personIds);
    }

    record DemoAccounts(UnitRef province, List<UnitRef> cities, List<Long> personIds) {
    }

    private static PersonData person(Random r, int i, UnitRef unit, List<ReferenceItem> sectors, List<ReferenceItem> parties) {
        Gender gender = r.nextBoolean() ? Gender.M : Gender.F;
        LocalDate birth = LocalDate.of(1955 + r.nextInt(40), 1 + r.nextInt(12), 1 + r.nextInt(28));
        String name = SURNAMES[r.nextInt(SURNAMES.length)] + GIVEN[r.nextInt(GIVEN.length)]
                + (r.nextInt(3) == 0 ? "" : GIVEN[r.nextInt(GIVEN.length)]);
        int seq = 100 + i;
        int genderDigit = (seq % 10) / 2 * 2 + (gender == Gender.M ? 1 : 0);
        String first17 = "3301" + String.format("%02d", 1 + i % 10) + birth.toString().replace("-", "")
                + String.format("%02d", seq / 10 % 100) + genderDigit;
        Set<Long> sectorIds = new LinkedHashSet<>();
        sectorIds.add(sectors.get(weightedSector(r, sectors.size())).id());
        if (r.nextInt(5) == 0) {
            sectorIds.add(sectors.get(r.nextInt(sectors.size())).id());
        }
        // Members of the democratic parties belong to one of the eight; the others are mostly 无党派.
        Long partyId = sectorIds.contains(sectors.get(0).id()) ? parties.get(r.nextInt(8)).id()
                : parties.get(8).id();
        String phone = "13" + (5 + r.nextInt(5)) + String.format("%08d", 10000000 + i * 7919 % 89999999);
        return new PersonData(name, gender, ETHNICITIES[r.nextInt(ETHNICITIES.length)], birth,
                IdCard.withChecksum(first17), phone, "demo" + i + "@example.cn", unit.id(), partyId, sectorIds,
                POSITIONS[r.nextInt(POSITIONS.length)], r.nextInt(4) == 0, PersonStatus.ACTIVE);
    }

    /** Most people are party members, intellectuals or private-economy figures; every sector has some. */
    private static int weightedSector(Random r, int count) {
        int roll = r.nextInt(100);
        if (roll < 30) return 0;
        if (roll < 45) return 2;
        if (roll < 60) return 5;
        if (roll < 70) return 1;
        return r.nextInt(count);
    }
}
